-- only: sqlite
CREATE TABLE items (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	payload,
	amount ANY
);
