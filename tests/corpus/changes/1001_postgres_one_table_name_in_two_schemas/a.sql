-- dialect: postgres
-- Two tables named items, one in public and one in archive, which
-- references the other.
CREATE SCHEMA archive;

CREATE TABLE items (
	id integer PRIMARY KEY,
	name text NOT NULL
);

CREATE TABLE archive.items (
	id integer PRIMARY KEY,
	item_id integer REFERENCES public.items (id),
	name text NOT NULL
);
