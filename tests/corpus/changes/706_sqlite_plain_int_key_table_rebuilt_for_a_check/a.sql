-- only: sqlite
CREATE TABLE parts (
	id INT PRIMARY KEY, -- dbtool: no-autoincrement
	name TEXT NOT NULL,
	qty INTEGER
);
