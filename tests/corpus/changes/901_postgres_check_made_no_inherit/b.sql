-- dialect: postgres
-- The range check is the parent's alone from now on: it is dropped and
-- added again NO INHERIT.
CREATE TABLE readings (
	id integer PRIMARY KEY,
	level integer NOT NULL,
	CONSTRAINT readings_level_range CHECK (level BETWEEN 0 AND 100) NO INHERIT
);
