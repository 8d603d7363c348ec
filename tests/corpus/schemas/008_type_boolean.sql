-- BOOLEAN columns.
CREATE TABLE flags (
	id INTEGER PRIMARY KEY,
	enabled BOOLEAN NOT NULL,
	visible BOOLEAN
);
