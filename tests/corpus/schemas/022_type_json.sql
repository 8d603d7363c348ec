-- JSON documents.
CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	data JSON NOT NULL,
	metadata JSON
);
