-- only: sqlite
CREATE TABLE legacy (
	id INT PRIMARY KEY NOT NULL,
	name TEXT,
	score REAL,
	big INTEGER,
	flag BOOLEAN DEFAULT 0,
	notes TEXT
);
