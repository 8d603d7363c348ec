-- String defaults: plain, empty, and with an embedded quote.
CREATE TABLE greetings (
	id INTEGER PRIMARY KEY,
	hello VARCHAR(40) NOT NULL DEFAULT 'hello',
	empty TEXT DEFAULT '',
	quoted VARCHAR(40) DEFAULT 'it''s here',
	code CHAR(2) DEFAULT 'en'
);
