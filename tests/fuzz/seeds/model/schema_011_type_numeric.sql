-- NUMERIC with precision and scale, and with precision alone.
CREATE TABLE prices (
	id INTEGER PRIMARY KEY,
	amount NUMERIC(12,2) NOT NULL,
	rate NUMERIC(5,4),
	whole NUMERIC(8)
);
