-- dialect: postgres
CREATE TABLE orders (id integer NOT NULL, country text NOT NULL, total numeric) PARTITION BY LIST (country);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('de', 'fr');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
