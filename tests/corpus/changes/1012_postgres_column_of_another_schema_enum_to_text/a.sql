-- dialect: postgres
-- A column of the managed schema whose type is another schema's enum
-- becomes text; the enum goes with it.
CREATE SCHEMA kinds;

CREATE TYPE kinds."Level" AS ENUM ('low', 'high');

CREATE TABLE alerts (
	id integer PRIMARY KEY,
	level kinds."Level"
);
