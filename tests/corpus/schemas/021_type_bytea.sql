-- Binary data written as BYTEA, PostgreSQL's spelling.
CREATE TABLE thumbnails (
	id INTEGER PRIMARY KEY,
	image BYTEA,
	checksum BYTEA NOT NULL
);
