-- only: sqlite
-- What SQLite users write: names qualified by main (SQLite's name for the
-- database, on the index's own name too), a name before NOT NULL and
-- DEFAULT, CHECKs with GLOB, LIKE ... ESCAPE, typeof() and json_valid(),
-- and a lower-case without rowid.
CREATE TABLE main.projects (
	id INTEGER PRIMARY KEY,
	code TEXT CONSTRAINT projects_code_nn NOT NULL CONSTRAINT projects_code_key UNIQUE,
	status TEXT CONSTRAINT projects_status_default DEFAULT 'open'
);
CREATE INDEX IF NOT EXISTS main.projects_status ON projects (status, id);
CREATE TABLE main.settings (
	project_id INTEGER NOT NULL REFERENCES projects (id) MATCH SIMPLE NOT DEFERRABLE INITIALLY IMMEDIATE,
	name TEXT NOT NULL CHECK (name GLOB '[a-z]*'),
	kind TEXT CHECK (typeof(kind) = 'text'),
	payload TEXT CHECK (json_valid(payload)),
	pattern TEXT CHECK (pattern LIKE 'p%' ESCAPE '!'),
	weight DECIMAL(10, 2) DEFAULT (0),
	delta NUMERIC(5) DEFAULT (-1),
	enabled BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (project_id, name)
) without rowid;
