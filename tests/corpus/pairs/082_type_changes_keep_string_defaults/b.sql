CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	code VARCHAR(20) DEFAULT 'x',
	label TEXT DEFAULT 'it''s',
	note VARCHAR(50) DEFAULT 'none'
);
