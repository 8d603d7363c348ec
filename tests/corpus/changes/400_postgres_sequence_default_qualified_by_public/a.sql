-- only: postgres
CREATE TABLE invoices (
	id INTEGER PRIMARY KEY,
	customer TEXT NOT NULL
);
