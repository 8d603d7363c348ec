-- dialect: postgres
-- The exclusion without USING moves to another column, and a named one is
-- added after the table, both on B-tree as PostgreSQL gives them.
CREATE TABLE rooms (
	id integer NOT NULL,
	code text NOT NULL,
	floor integer NOT NULL,
	EXCLUDE (id WITH =)
);
ALTER TABLE rooms ADD CONSTRAINT rooms_code_floor_excl EXCLUDE (code WITH =, floor WITH =);
