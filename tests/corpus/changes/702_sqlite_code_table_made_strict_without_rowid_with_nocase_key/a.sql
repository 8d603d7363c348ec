-- only: sqlite
CREATE TABLE codes (
	code TEXT PRIMARY KEY NOT NULL,
	label TEXT,
	weight INT
);
