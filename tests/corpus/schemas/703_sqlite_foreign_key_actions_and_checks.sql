-- only: sqlite
-- Foreign keys with every action, deferred ones, a composite and a
-- self-reference, and CHECKs with SQLite's functions and operators.
CREATE TABLE owners (
	id INTEGER PRIMARY KEY,
	handle TEXT NOT NULL UNIQUE CHECK (handle GLOB '[a-z]*' AND length(handle) <= 30)
);

CREATE TABLE folders (
	id INTEGER PRIMARY KEY,
	owner INTEGER NOT NULL REFERENCES owners (id) ON DELETE CASCADE ON UPDATE CASCADE,
	parent INTEGER REFERENCES folders (id) ON DELETE SET NULL,
	name TEXT NOT NULL,
	UNIQUE (owner, name),
	CHECK (parent IS NULL OR parent <> id)
);

CREATE TABLE files (
	id INTEGER PRIMARY KEY,
	owner INTEGER NOT NULL,
	folder_name TEXT,
	size INTEGER NOT NULL DEFAULT 0 CHECK (typeof(size) = 'integer' AND size >= 0),
	kind TEXT DEFAULT 'other' REFERENCES kinds (name) ON DELETE SET DEFAULT ON UPDATE RESTRICT,
	CONSTRAINT files_folder FOREIGN KEY (owner, folder_name) REFERENCES folders (owner, name)
		ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED,
	CONSTRAINT files_size_cap CHECK (size < 1073741824)
);

CREATE TABLE kinds (
	name TEXT PRIMARY KEY NOT NULL,
	pattern TEXT CHECK (pattern NOT LIKE '%\%%' ESCAPE '\')
);
