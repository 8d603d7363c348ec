-- dialect: postgres
-- Indexes: BRIN, hash, SP-GiST, GIN with jsonb_path_ops,
-- a partial unique expression index, INCLUDE, NULLS NOT DISTINCT, a collation
-- on a key, and mixed sort orders.
CREATE TABLE readings (
	id bigint PRIMARY KEY,
	sensor text NOT NULL,
	at timestamptz NOT NULL,
	value double precision,
	doc jsonb,
	addr inet,
	deleted_at timestamptz
);
CREATE INDEX readings_at_brin ON readings USING brin (at);
CREATE INDEX readings_sensor_hash ON readings USING hash (sensor);
CREATE INDEX readings_addr_spgist ON readings USING spgist (addr);
CREATE INDEX readings_doc_gin ON readings USING gin (doc jsonb_path_ops);
CREATE UNIQUE INDEX readings_live_sensor ON readings (lower(sensor), at) WHERE deleted_at IS NULL;
CREATE INDEX readings_sensor_cover ON readings (sensor) INCLUDE (value, at);
CREATE UNIQUE INDEX readings_sensor_at_nnd ON readings (sensor, deleted_at) NULLS NOT DISTINCT;
CREATE INDEX readings_sensor_c ON readings (sensor COLLATE "C" DESC NULLS LAST, at ASC NULLS FIRST);
