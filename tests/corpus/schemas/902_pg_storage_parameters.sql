-- dialect: postgres
-- Storage parameters (WITH (...)) of tables, of indexes and of the indexes
-- of keys, in the spellings people write and pg_dump prints ('70').
CREATE TABLE events (
	id bigint PRIMARY KEY WITH (fillfactor = 90),
	kind text NOT NULL,
	payload jsonb,
	CONSTRAINT events_kind_id_key UNIQUE (kind, id) WITH (fillfactor = 80)
) WITH (fillfactor = 70, autovacuum_enabled = false, autovacuum_vacuum_scale_factor = 0.05);

CREATE TABLE tags (
	name text UNIQUE WITH (fillfactor='85'),
	hits integer NOT NULL DEFAULT 0
) WITH (fillfactor='50', toast_tuple_target='4096');

CREATE INDEX events_kind ON events (kind) WITH (fillfactor = 60, deduplicate_items = off);
CREATE INDEX events_payload ON events USING gin (payload) WITH (fastupdate = false)
	WHERE payload IS NOT NULL;
