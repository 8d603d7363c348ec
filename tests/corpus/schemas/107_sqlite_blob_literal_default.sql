-- dialect: sqlite
-- Blob literals as defaults (on PostgreSQL X'1F' is a bit string).
CREATE TABLE blobs (
	id INTEGER PRIMARY KEY,
	b BLOB DEFAULT X'1F',
	c BLOB DEFAULT x'00ff'
);
