-- dialect: postgres
-- A collation that ignores case is made before the table gains a column
-- that uses it (and dropped after the column in the downgrade).
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE members (
	id integer PRIMARY KEY,
	handle text NOT NULL,
	nickname text COLLATE case_insensitive
);
