-- dialect: postgres
-- Domains with a default, NOT NULL, named and unnamed CHECKs and a
-- collation, on columns that add their own defaults and constraints.
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS text
	CONSTRAINT email_has_at CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE DOMAIN us_zip AS varchar(10) NOT NULL DEFAULT '00000'
	CHECK (VALUE ~ '^\d{5}(-\d{4})?$');
CREATE DOMAIN label AS text COLLATE "C" DEFAULT 'none';
CREATE TABLE customers (
	id positive_int PRIMARY KEY,
	contact email UNIQUE,
	zip us_zip,
	kind label,
	score positive_int DEFAULT 10 CHECK (score < 1000)
);
