CREATE TABLE buildings (
	campus VARCHAR(10),
	code VARCHAR(10),
	PRIMARY KEY (campus, code)
);

CREATE TABLE rooms (
	id INTEGER PRIMARY KEY,
	building VARCHAR(10) REFERENCES buildings
);
