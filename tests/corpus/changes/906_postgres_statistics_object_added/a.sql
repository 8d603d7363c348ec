-- dialect: postgres
CREATE TABLE addresses (
	id integer PRIMARY KEY,
	city text NOT NULL,
	zip text NOT NULL
);

CREATE STATISTICS addresses_city_zip (ndistinct) ON city, zip FROM addresses;
