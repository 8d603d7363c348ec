-- dialect: postgres
-- An enum of another schema, and one of the same name in the managed
-- schema, which stays as it is: the value goes to the other schema's.
CREATE SCHEMA shop;

CREATE TYPE shop.state AS ENUM ('open', 'paid');
CREATE TYPE state AS ENUM ('open', 'paid');

CREATE TABLE shop.orders (
	id integer PRIMARY KEY,
	state shop.state NOT NULL DEFAULT 'open'
);
