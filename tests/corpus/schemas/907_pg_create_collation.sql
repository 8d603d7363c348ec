-- dialect: postgres
-- Collations of the model's own (CREATE COLLATION): an ICU one that
-- compares without case (not deterministic), a libc one, and columns and an
-- index key that use them.
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION plain_c (provider = libc, locale = 'C');

CREATE TABLE members (
	id integer PRIMARY KEY,
	handle text COLLATE case_insensitive NOT NULL UNIQUE,
	code text COLLATE plain_c
);

CREATE INDEX members_code ON members (code COLLATE plain_c);
