-- only: sqlite
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	at DATETIME NOT NULL,
	amount DECIMAL(12)
);
