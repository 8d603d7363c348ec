-- only: postgres
-- The materialized view gains a column: dropped and made again, with data.
CREATE TABLE orders (id INTEGER PRIMARY KEY, region TEXT, total INTEGER);
CREATE MATERIALIZED VIEW order_regions AS
	SELECT region, count(*) AS n, sum(total) AS total FROM orders GROUP BY region;
