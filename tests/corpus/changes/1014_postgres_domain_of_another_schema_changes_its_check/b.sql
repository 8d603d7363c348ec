-- dialect: postgres
CREATE SCHEMA money;

CREATE DOMAIN money.amount AS integer CHECK (VALUE >= 0 AND VALUE < 1000000);
CREATE DOMAIN amount AS integer;

CREATE TABLE payments (
	id integer PRIMARY KEY,
	total money.amount NOT NULL,
	raw amount
);
