-- only: postgres
CREATE TABLE orders (id INTEGER PRIMARY KEY, region TEXT, total INTEGER);
CREATE MATERIALIZED VIEW order_regions AS SELECT region, count(*) AS n FROM orders GROUP BY region;
