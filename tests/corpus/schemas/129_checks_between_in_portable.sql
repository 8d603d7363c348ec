-- CHECK constraints with BETWEEN, IN and NOT IN lists, which PostgreSQL
-- stores rewritten (>= AND <=, = ANY (ARRAY[...]), <> ALL (...)) and
-- SQLite as written: the scratch database tells them equal.
CREATE TABLE reviews (
	id INTEGER PRIMARY KEY,
	stars SMALLINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
	state VARCHAR(10) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
	lang CHAR(2) CHECK (lang NOT IN ('xx', 'zz')),
	weight NUMERIC(3,2) DEFAULT 1.00 CHECK (weight NOT BETWEEN -1 AND 0),
	CONSTRAINT ck_reviews_stars_state CHECK (state <> 'approved' OR stars >= 2)
);

CREATE TABLE shifts (
	id INTEGER PRIMARY KEY,
	weekday INTEGER NOT NULL CHECK (weekday IN (1, 2, 3, 4, 5, 6, 7)),
	starts_at INTEGER NOT NULL CHECK (starts_at BETWEEN 0 AND 1439),
	ends_at INTEGER NOT NULL CHECK (ends_at BETWEEN 1 AND 1440),
	CHECK (starts_at < ends_at)
);
