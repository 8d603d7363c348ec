-- dialect: postgres
-- A composite type used by a column, an array of it, and a function that
-- returns it; a composite type with a domain inside.
CREATE DOMAIN cents AS bigint CHECK (VALUE >= 0);
CREATE TYPE money_amount AS (amount cents, currency char(3));
CREATE TYPE address AS (street text, city text, zip varchar(10));
CREATE TABLE shops (
	id integer PRIMARY KEY,
	location address,
	past_locations address[] DEFAULT '{}',
	turnover money_amount DEFAULT ROW(0, 'EUR')::money_amount
);
CREATE FUNCTION shop_city(s shops) RETURNS text LANGUAGE sql STABLE AS $$ SELECT (s.location).city $$;
