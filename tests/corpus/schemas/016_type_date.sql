-- DATE columns.
CREATE TABLE holidays (
	id INTEGER PRIMARY KEY,
	day DATE NOT NULL,
	observed DATE
);
