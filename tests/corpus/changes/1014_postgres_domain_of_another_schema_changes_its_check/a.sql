-- dialect: postgres
-- A domain of another schema, used by a column of public, whose check
-- changes (the domain is made again in its schema and the column moved to
-- it); a domain of the same name in public stays as it is.
CREATE SCHEMA money;

CREATE DOMAIN money.amount AS integer CHECK (VALUE >= 0);
CREATE DOMAIN amount AS integer;

CREATE TABLE payments (
	id integer PRIMARY KEY,
	total money.amount NOT NULL,
	raw amount
);
