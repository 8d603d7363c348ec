-- only: postgres
CREATE TABLE products (
	id integer PRIMARY KEY,
	name text NOT NULL,
	price numeric(10,2) NOT NULL
);
