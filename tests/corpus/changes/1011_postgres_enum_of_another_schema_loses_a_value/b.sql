-- dialect: postgres
CREATE SCHEMA shop;

CREATE TYPE shop.state AS ENUM ('open', 'paid');

CREATE TABLE shop.orders (
	id integer PRIMARY KEY,
	state shop.state NOT NULL
);
