-- only: postgres
CREATE TABLE docs (
	id INTEGER PRIMARY KEY,
	body JSONB NOT NULL
);
