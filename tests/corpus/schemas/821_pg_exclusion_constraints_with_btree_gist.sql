-- dialect: postgres
-- Exclusion constraints on a range alone, on a plain column with a range
-- (btree_gist), with a WHERE, and deferrable.
CREATE EXTENSION btree_gist;
CREATE TABLE rooms (id integer PRIMARY KEY);
CREATE TABLE reservations (
	id integer PRIMARY KEY,
	room integer NOT NULL REFERENCES rooms,
	during tstzrange NOT NULL,
	cancelled boolean NOT NULL DEFAULT false,
	EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled),
	CONSTRAINT no_overlap_any EXCLUDE USING gist (during WITH &&) DEFERRABLE INITIALLY DEFERRED
);
