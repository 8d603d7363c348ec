-- only: sqlite
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	at TIMESTAMP NOT NULL,
	amount NUMERIC(12,0)
);
