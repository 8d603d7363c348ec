-- only: sqlite
CREATE TABLE t (
	id INT PRIMARY KEY, -- dbtool: no-autoincrement
	name TEXT
);
