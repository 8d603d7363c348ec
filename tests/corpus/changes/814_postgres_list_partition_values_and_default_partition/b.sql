-- dialect: postgres
-- A default partition is added, and the EU partition's values grow,
-- which PostgreSQL can only do by detaching and attaching it again; the
-- rows stay in their partitions.
CREATE TABLE orders (id integer NOT NULL, country text NOT NULL, total numeric) PARTITION BY LIST (country);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('de', 'fr', 'it');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE orders_rest PARTITION OF orders DEFAULT;
