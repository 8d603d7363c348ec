-- only: sqlite
CREATE TABLE events (
	at TIMESTAMP,
	amount NUMERIC(12,0)
);
