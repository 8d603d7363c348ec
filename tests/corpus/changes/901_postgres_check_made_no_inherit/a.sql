-- dialect: postgres
CREATE TABLE readings (
	id integer PRIMARY KEY,
	level integer NOT NULL,
	CONSTRAINT readings_level_range CHECK (level BETWEEN 0 AND 100)
);
