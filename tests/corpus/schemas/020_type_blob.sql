-- Binary data written as BLOB.
CREATE TABLE attachments (
	id INTEGER PRIMARY KEY,
	filename VARCHAR(255) NOT NULL,
	content BLOB NOT NULL
);
