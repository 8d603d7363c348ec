-- only: sqlite
-- Type names SQLite keeps as written and maps to an affinity by their
-- letters, columns with no type, and defaults spelt 1e3, 1.50, -1, +2,
-- a blob literal and an empty string.
CREATE TABLE readings (
	id INTEGER PRIMARY KEY,
	sensor VARYING CHARACTER(20) NOT NULL,
	label NATIVE CHARACTER(70),
	note NCHAR(55),
	taken DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	day DATE DEFAULT (date('now')),
	value DOUBLE NOT NULL DEFAULT 1e3,
	scale NUMERIC DEFAULT 1.50,
	offset_c FLOAT DEFAULT -1,
	gain REAL DEFAULT +2,
	flags INT2 DEFAULT 0,
	big INT8,
	tiny TINYINT,
	medium MEDIUMINT,
	raw BLOB DEFAULT x'00ff',
	payload,
	extra ANY,
	kind STRING DEFAULT '',
	ok BOOLEAN DEFAULT 1
);
CREATE TABLE calibrations (
	reading_id INT NOT NULL REFERENCES readings (id) ON DELETE CASCADE,
	step UNSIGNED BIG INT NOT NULL,
	factor DECIMAL(10,5),
	comment CLOB,
	PRIMARY KEY (reading_id, step)
);
CREATE INDEX readings_sensor_taken ON readings (sensor, taken DESC);
