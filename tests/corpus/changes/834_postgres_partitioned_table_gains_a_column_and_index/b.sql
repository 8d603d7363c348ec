-- dialect: postgres
-- A column, a CHECK and an index on the partitioned table reach its
-- partition through it.
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text, source text DEFAULT 'web',
	CONSTRAINT events_kind_check CHECK (kind <> '')) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_kind_idx ON events (kind);
