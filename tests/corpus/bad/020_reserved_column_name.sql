CREATE TABLE queries (
	id INTEGER PRIMARY KEY,
	select TEXT
);
