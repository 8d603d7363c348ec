-- only: postgres
-- Domains with a named and an unnamed check, NOT NULL and a default, used
-- by new columns of a table with rows.
CREATE DOMAIN public.email_address AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE DOMAIN public.positive_count AS integer NOT NULL DEFAULT 1
	CONSTRAINT positive_count_check CHECK (VALUE > 0);
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	owner TEXT,
	email public.email_address,
	seats public.positive_count
);
