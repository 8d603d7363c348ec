-- only: postgres
CREATE TABLE stores (
	id integer PRIMARY KEY,
	name varchar(60) NOT NULL
);
