-- A two-column foreign key to a two-column primary key.
CREATE TABLE buildings (
	campus VARCHAR(10) NOT NULL,
	code VARCHAR(10) NOT NULL,
	PRIMARY KEY (campus, code)
);

CREATE TABLE rooms (
	id INTEGER PRIMARY KEY,
	campus VARCHAR(10) NOT NULL,
	building VARCHAR(10) NOT NULL,
	FOREIGN KEY (campus, building) REFERENCES buildings (campus, code) ON DELETE CASCADE
);
