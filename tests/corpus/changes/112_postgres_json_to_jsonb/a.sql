-- only: postgres
CREATE TABLE docs (
	id INTEGER PRIMARY KEY,
	body JSON NOT NULL
);
