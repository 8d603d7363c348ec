-- only: sqlite
CREATE TABLE handles (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	site TEXT,
	nick TEXT,
	UNIQUE (email),
	UNIQUE (site, nick)
);
