-- dialect: postgres
CREATE SCHEMA kinds;

CREATE TABLE alerts (
	id integer PRIMARY KEY,
	level text
);
