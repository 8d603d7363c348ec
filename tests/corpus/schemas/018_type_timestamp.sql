-- TIMESTAMP (without time zone) columns.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	happened_at TIMESTAMP NOT NULL,
	reviewed_at TIMESTAMP
);
