-- only: postgres
-- List and hash partitioning, a partition that is itself partitioned,
-- a key on an expression, and a partition with a constraint of its own.
CREATE TABLE customers (
	id INTEGER NOT NULL,
	region VARCHAR(10) NOT NULL,
	name TEXT
) PARTITION BY LIST (region);

CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr', 'it')
	PARTITION BY HASH (id);
CREATE TABLE customers_eu_0 PARTITION OF customers_eu FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE customers_eu_1 PARTITION OF customers_eu FOR VALUES WITH (modulus 2, remainder 1);
CREATE TABLE customers_us PARTITION OF customers (
	CONSTRAINT customers_us_name CHECK (name <> '')
) FOR VALUES IN ('us');

CREATE TABLE events (
	id BIGINT NOT NULL,
	kind TEXT NOT NULL
) PARTITION BY HASH (id);
CREATE TABLE events_0 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE events_1 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE events_2 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 2);

CREATE TABLE logins (
	name TEXT NOT NULL,
	at TIMESTAMP NOT NULL
) PARTITION BY LIST (lower(name));
CREATE TABLE logins_admin PARTITION OF logins FOR VALUES IN ('admin', 'root');
CREATE TABLE logins_rest PARTITION OF logins DEFAULT;
