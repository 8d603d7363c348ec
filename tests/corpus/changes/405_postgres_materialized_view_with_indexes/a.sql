-- only: postgres
CREATE TABLE sales (
	id INTEGER PRIMARY KEY,
	region TEXT NOT NULL,
	amount NUMERIC(12,2) NOT NULL
);
