CREATE TABLE addresses (id INTEGER PRIMARY KEY, city TEXT NOT NULL, zip TEXT NOT NULL);
CREATE STATISTICS addresses_city_zip ON city, zip FROM addresses;
