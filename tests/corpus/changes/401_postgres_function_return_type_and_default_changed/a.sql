-- only: postgres
CREATE TABLE prices (
	id INTEGER PRIMARY KEY,
	amount NUMERIC(10,2) NOT NULL
);
CREATE FUNCTION with_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric
	LANGUAGE sql IMMUTABLE AS $$ SELECT amount * (1 + rate) $$;
CREATE VIEW gross_prices AS SELECT id, with_tax(amount) AS gross FROM prices;
