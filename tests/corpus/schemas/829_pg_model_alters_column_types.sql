-- dialect: postgres
-- A model kept as a migration history that changes column types by ALTER
-- COLUMN ... TYPE and SET DATA TYPE, with COLLATE and USING, among other
-- ALTERs of the same statement.
CREATE TABLE readings (
	id integer PRIMARY KEY,
	sensor varchar(20) NOT NULL,
	value integer,
	note varchar(50) COLLATE "C",
	taken text
);
ALTER TABLE readings ALTER COLUMN value TYPE numeric(10,3);
ALTER TABLE readings ALTER COLUMN sensor SET DATA TYPE varchar(64);
ALTER TABLE readings ALTER COLUMN note TYPE text, ALTER COLUMN note SET DEFAULT '';
ALTER TABLE readings ALTER taken TYPE timestamptz USING taken::timestamptz,
	ALTER COLUMN sensor TYPE text COLLATE "POSIX";
CREATE INDEX readings_sensor_idx ON readings (sensor);
