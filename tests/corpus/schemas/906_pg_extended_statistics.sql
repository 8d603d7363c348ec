-- dialect: postgres
-- Extended statistics (CREATE STATISTICS) on correlated columns, of every
-- kind and on an expression, and one on a materialized view.
CREATE TABLE addresses (
	id integer PRIMARY KEY,
	city text NOT NULL,
	zip text NOT NULL,
	country text NOT NULL
);

CREATE STATISTICS addresses_city_zip (ndistinct, dependencies) ON city, zip FROM addresses;
CREATE STATISTICS addresses_all ON city, zip, country FROM addresses;
CREATE STATISTICS addresses_lower_city (mcv) ON lower(city), country FROM addresses;

CREATE MATERIALIZED VIEW cities AS SELECT city, country, count(*) AS n FROM addresses GROUP BY city, country;
CREATE STATISTICS cities_city_country ON city, country FROM cities;
