-- dialect: postgres
-- A value taken off an enum of another schema: the type is made again
-- in that schema, and its column moved to the new one.
CREATE SCHEMA shop;

CREATE TYPE shop.state AS ENUM ('open', 'paid', 'lost');

CREATE TABLE shop.orders (
	id integer PRIMARY KEY,
	state shop.state NOT NULL
);
