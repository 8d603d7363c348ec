-- only: sqlite
CREATE TABLE codes (
	id INT PRIMARY KEY,
	name TEXT NOT NULL
);
