-- only: sqlite
CREATE TABLE codes (
	id INT PRIMARY KEY, -- dbtool: no-autoincrement
	name TEXT NOT NULL
);
