-- only: postgres
CREATE TABLE releases (
	id integer PRIMARY KEY,
	major integer NOT NULL,
	minor integer NOT NULL,
	name text
);
