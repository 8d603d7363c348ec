-- dialect: postgres
CREATE TYPE color AS ENUM ('red', 'grn', 'blue');
CREATE TABLE cars (id integer PRIMARY KEY, paint color NOT NULL DEFAULT 'red', trims color[]);
CREATE VIEW red_cars AS SELECT id FROM cars WHERE paint = 'red';
