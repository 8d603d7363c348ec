CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	code CHAR(3) DEFAULT 'x',
	label VARCHAR(20) DEFAULT 'it''s',
	note TEXT DEFAULT 'none'
);
