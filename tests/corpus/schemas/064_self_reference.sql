-- A table that references itself: a tree of staff.
CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	manager_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
	name VARCHAR(60) NOT NULL
);
