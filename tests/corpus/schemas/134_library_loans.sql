-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A lending library: works and their copies, branches, members, loans
-- and holds, fines keyed by the loan.
CREATE TABLE branches (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(60) NOT NULL UNIQUE
);

CREATE TABLE works (
	id INTEGER PRIMARY KEY,
	isbn13 CHAR(13) UNIQUE,
	title VARCHAR(250) NOT NULL,
	author VARCHAR(120),
	year_published SMALLINT
);

CREATE TABLE copies (
	barcode VARCHAR(14) PRIMARY KEY,
	work_id INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
	branch_id SMALLINT NOT NULL REFERENCES branches (id),
	acquired DATE,
	withdrawn BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	card VARCHAR(12) NOT NULL UNIQUE,
	name VARCHAR(100) NOT NULL,
	home_branch SMALLINT REFERENCES branches (id),
	blocked BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE loans (
	id INTEGER PRIMARY KEY,
	barcode VARCHAR(14) NOT NULL REFERENCES copies (barcode) ON UPDATE CASCADE,
	member_id INTEGER NOT NULL REFERENCES members (id),
	out_on DATE NOT NULL DEFAULT CURRENT_DATE,
	due_on DATE NOT NULL,
	returned_on DATE,
	renewals SMALLINT NOT NULL DEFAULT 0 CHECK (renewals >= 0 AND renewals <= 3)
);

CREATE TABLE holds (
	work_id INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
	member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	placed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	pickup_branch SMALLINT NOT NULL REFERENCES branches (id),
	PRIMARY KEY (work_id, member_id)
);

CREATE TABLE fines (
	loan_id INTEGER PRIMARY KEY REFERENCES loans (id) ON DELETE CASCADE,
	amount NUMERIC(6,2) NOT NULL,
	paid BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE UNIQUE INDEX ux_loans_open_copy ON loans (barcode) WHERE returned_on IS NULL;
CREATE INDEX ix_loans_member ON loans (member_id, out_on DESC);
CREATE INDEX ix_works_title ON works (lower(title));
