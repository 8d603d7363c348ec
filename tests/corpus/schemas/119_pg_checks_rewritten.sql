-- only: postgres
-- CHECK constraints in the forms PostgreSQL stores rewritten: BETWEEN,
-- IN and NOT IN lists (= ANY / <> ALL of an array), row comparisons,
-- casts, IS DISTINCT FROM, LIKE and SIMILAR TO, COALESCE and CASE.
CREATE TABLE grades (
	id integer PRIMARY KEY,
	student text NOT NULL,
	score numeric(5,2) CHECK (score BETWEEN 0 AND 100),
	letter char(1) CHECK (letter IN ('A', 'B', 'C', 'D', 'F')),
	term varchar(6) NOT NULL CHECK (term NOT IN ('', 'none')),
	year integer CHECK (year BETWEEN SYMMETRIC 2100 AND 1990),
	code text CHECK (code LIKE 'G%' AND code NOT LIKE '%x'),
	pattern text CHECK (pattern SIMILAR TO '[a-z]+'),
	CONSTRAINT grades_row CHECK ((year, score) > (1990, 0)),
	CONSTRAINT grades_student_not_blank CHECK (trim(student) <> '')
);

CREATE TABLE shipments (
	id integer PRIMARY KEY,
	weight_kg real NOT NULL CHECK (weight_kg > 0.0),
	status varchar(10) NOT NULL DEFAULT 'new' CHECK (status = ANY (ARRAY['new', 'sent', 'lost'])),
	priority smallint DEFAULT 3 CHECK (priority IN (1, 2, 3)),
	previous_status varchar(10) CHECK (previous_status IS DISTINCT FROM 'lost'),
	fee numeric CHECK (COALESCE(fee, 0) >= 0),
	kind text CHECK (CASE WHEN kind = 'parcel' THEN weight_kg < 30 ELSE true END),
	sent_on date CHECK (sent_on >= '2020-01-01'::date)
);

CREATE TABLE ranges_of_numbers (
	id integer PRIMARY KEY,
	lo integer NOT NULL,
	hi integer NOT NULL,
	CHECK (lo <= hi),
	CHECK (NOT (lo = 0 AND hi = 0)),
	CHECK (hi - lo NOT BETWEEN 1000 AND 2000)
);
