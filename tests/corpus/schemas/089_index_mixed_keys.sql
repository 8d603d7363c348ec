-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
-- An index mixing an expression key and a descending column.
CREATE TABLE cities (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	population INTEGER NOT NULL
);

CREATE INDEX ix_cities_name_population ON cities (lower(name), population DESC);
