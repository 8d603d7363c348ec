-- A plain index.
CREATE TABLE messages (
	id INTEGER PRIMARY KEY,
	sender VARCHAR(40) NOT NULL,
	body TEXT
);

CREATE INDEX ix_messages_sender ON messages (sender);
