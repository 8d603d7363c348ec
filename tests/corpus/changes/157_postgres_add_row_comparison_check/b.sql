-- only: postgres
CREATE TABLE releases (
	id integer PRIMARY KEY,
	major integer NOT NULL,
	minor integer NOT NULL,
	name text,
	CHECK ((major, minor) >= (1, 0))
);
