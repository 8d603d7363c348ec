-- REAL (single precision) columns.
CREATE TABLE readings (
	id INTEGER PRIMARY KEY,
	temperature REAL NOT NULL,
	humidity REAL
);
