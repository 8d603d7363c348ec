-- only: sqlite
CREATE TABLE tickets (
	id INTEGER,
	title TEXT NOT NULL,
	PRIMARY KEY (id DESC)
);
