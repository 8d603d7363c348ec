-- only: sqlite
CREATE TABLE parts (
	id INT PRIMARY KEY,
	name TEXT NOT NULL,
	qty INTEGER CHECK (qty >= 0)
);
