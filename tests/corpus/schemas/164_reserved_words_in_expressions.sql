-- Columns named after reserved words of MariaDB/MySQL (condition, range)
-- in a CHECK and in a generation expression, and || there, which MariaDB
-- reads as OR unless it is written as CONCAT().
CREATE TABLE listings (
	id INTEGER PRIMARY KEY,
	title VARCHAR(40) NOT NULL,
	condition VARCHAR(10) NOT NULL CHECK (condition IN ('new', 'used')),
	"range" INTEGER CHECK ("range" > 0),
	label VARCHAR(60) GENERATED ALWAYS AS (title || ' (' || condition || ')') STORED
);
