-- A quoted name that never ends.
CREATE TABLE "users (
	id INTEGER PRIMARY KEY
);
