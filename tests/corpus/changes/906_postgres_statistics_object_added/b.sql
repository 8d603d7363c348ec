-- dialect: postgres
-- The planner learns that the zip decides the city: the statistics object
-- gains a kind (dropped and made again) and a second one is added.
CREATE TABLE addresses (
	id integer PRIMARY KEY,
	city text NOT NULL,
	zip text NOT NULL
);

CREATE STATISTICS addresses_city_zip (ndistinct, dependencies) ON city, zip FROM addresses;
CREATE STATISTICS addresses_zip_mcv (mcv) ON zip, city FROM addresses;
