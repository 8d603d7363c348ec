-- not-dialect: mysql (MariaDB/MySQL have no deferrable foreign keys)
-- A deferrable foreign key, checked at commit.
CREATE TABLE parents (
	id INTEGER PRIMARY KEY
);

CREATE TABLE children (
	id INTEGER PRIMARY KEY,
	parent_id INTEGER NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED
);
