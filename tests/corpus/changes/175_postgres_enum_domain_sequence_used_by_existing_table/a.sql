-- only: postgres
CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL
);
