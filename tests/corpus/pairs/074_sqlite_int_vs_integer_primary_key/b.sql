-- only: sqlite
CREATE TABLE t (
	id INT PRIMARY KEY,
	name TEXT
);
