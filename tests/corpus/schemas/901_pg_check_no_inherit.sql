-- dialect: postgres
-- CHECK constraints that stay on their table (NO INHERIT), as a column and
-- as a table constraint, one of them NOT VALID as pg_dump may write it,
-- beside one that child tables would take.
CREATE TABLE measurements (
	id integer PRIMARY KEY,
	taken_on date NOT NULL CHECK (taken_on >= DATE '2020-01-01') NO INHERIT,
	value numeric(8,2) NOT NULL,
	CONSTRAINT measurements_value_positive CHECK (value > 0),
	CONSTRAINT measurements_no_rows_here CHECK (false) NO INHERIT NOT VALID
);
