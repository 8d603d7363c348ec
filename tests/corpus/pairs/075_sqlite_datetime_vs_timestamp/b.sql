-- only: sqlite
CREATE TABLE events (
	at DATETIME,
	amount DECIMAL(12)
);
