-- TIMESTAMPTZ, PostgreSQL's short name.
CREATE TABLE deliveries (
	id INTEGER PRIMARY KEY,
	shipped TIMESTAMPTZ NOT NULL,
	delivered TIMESTAMPTZ
);
