-- dialect: postgres
CREATE TABLE customers (
	id integer PRIMARY KEY,
	name text NOT NULL
);
