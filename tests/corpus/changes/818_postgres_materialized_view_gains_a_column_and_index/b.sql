-- dialect: postgres
-- The materialized view counts the sales too, and gets a unique index:
-- dropped and made again (its rows come back with it), then indexed.
CREATE TABLE sales (id integer PRIMARY KEY, region text NOT NULL, amount numeric NOT NULL);
CREATE MATERIALIZED VIEW region_totals AS
	SELECT region, sum(amount) AS total, count(*) AS n FROM sales GROUP BY region;
CREATE UNIQUE INDEX region_totals_region ON region_totals (region);
