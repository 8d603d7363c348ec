-- only: sqlite
CREATE TABLE items (
	id INTEGER PRIMARY KEY,
	name STRING NOT NULL,
	payload,
	amount ANY
);
