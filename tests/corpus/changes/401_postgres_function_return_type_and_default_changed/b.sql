-- only: postgres
-- The function now returns text and its rate has no default: CREATE OR
-- REPLACE cannot do either, so it is dropped and made again, and the view
-- that uses it with it.
CREATE TABLE prices (
	id INTEGER PRIMARY KEY,
	amount NUMERIC(10,2) NOT NULL
);
CREATE FUNCTION with_tax(amount numeric, rate numeric) RETURNS text
	LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(amount * (1 + rate), 'FM999990.00') $$;
CREATE VIEW gross_prices AS SELECT id, with_tax(amount, 0.2) AS gross FROM prices;
