CREATE TABLE logs (
	line TEXT
);

CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	log_line TEXT REFERENCES logs
);
