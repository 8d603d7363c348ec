-- dialect: postgres
-- 'grn' becomes 'green': the type is made again and the columns cast to
-- it, the view on the table dropped and made again around them; no row
-- holds 'grn', so the upgrade keeps them all.
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TABLE cars (id integer PRIMARY KEY, paint color NOT NULL DEFAULT 'red', trims color[]);
CREATE VIEW red_cars AS SELECT id FROM cars WHERE paint = 'red';
