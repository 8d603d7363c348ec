-- dialect: postgres
-- Range partitions with MINVALUE and MAXVALUE, a default partition, a list
-- partition that is itself partitioned by hash, and an index and key on
-- the parents.
CREATE TABLE measurements (
	id bigint NOT NULL,
	city text NOT NULL,
	taken date NOT NULL,
	value numeric,
	PRIMARY KEY (id, taken)
) PARTITION BY RANGE (taken);
CREATE TABLE measurements_old PARTITION OF measurements FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_new PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO (MAXVALUE);
CREATE INDEX measurements_city_idx ON measurements (city);
CREATE TABLE sales (
	region text NOT NULL,
	customer integer NOT NULL,
	amount numeric
) PARTITION BY LIST (region);
CREATE TABLE sales_eu PARTITION OF sales FOR VALUES IN ('de', 'fr', 'it') PARTITION BY HASH (customer);
CREATE TABLE sales_eu_0 PARTITION OF sales_eu FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE sales_eu_1 PARTITION OF sales_eu FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE sales_other PARTITION OF sales DEFAULT;
CREATE TABLE by_expr (a integer, b text) PARTITION BY RANGE ((a % 10), lower(b));
CREATE TABLE by_expr_low PARTITION OF by_expr FOR VALUES FROM (0, '') TO (5, '');
