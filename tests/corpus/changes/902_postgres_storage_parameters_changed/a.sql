-- dialect: postgres
CREATE TABLE counters (
	id integer PRIMARY KEY,
	name text NOT NULL,
	hits bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 90, autovacuum_enabled = false);

CREATE INDEX counters_name ON counters (name);
