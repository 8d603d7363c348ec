-- only: sqlite
CREATE TABLE legacy (
	id INT PRIMARY KEY NOT NULL,
	name NVARCHAR(40),
	score DOUBLE,
	big UNSIGNED BIG INT,
	flag TINYINT DEFAULT 0,
	notes CLOB
);
