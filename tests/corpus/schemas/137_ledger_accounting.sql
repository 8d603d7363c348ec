-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- Double-entry bookkeeping: a chart of accounts as a tree, journals,
-- entries and lines where each line is either a debit or a credit.
CREATE TABLE currencies (
	code CHAR(3) PRIMARY KEY,
	decimals SMALLINT NOT NULL DEFAULT 2
);

CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	number VARCHAR(12) NOT NULL UNIQUE,
	name VARCHAR(100) NOT NULL,
	parent_id INTEGER REFERENCES accounts (id),
	kind CHAR(1) NOT NULL,
	currency CHAR(3) NOT NULL DEFAULT 'EUR' REFERENCES currencies (code),
	closed BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE journals (
	id SMALLINT PRIMARY KEY,
	code VARCHAR(6) NOT NULL UNIQUE,
	name VARCHAR(60) NOT NULL
);

CREATE TABLE entries (
	id BIGINT PRIMARY KEY,
	journal_id SMALLINT NOT NULL REFERENCES journals (id),
	booked_on DATE NOT NULL,
	reference VARCHAR(40),
	memo TEXT,
	posted BOOLEAN NOT NULL DEFAULT FALSE,
	reverses BIGINT REFERENCES entries (id)
);

CREATE TABLE entry_lines (
	entry_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
	line_no SMALLINT NOT NULL,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	debit NUMERIC(14,2) NOT NULL DEFAULT 0,
	credit NUMERIC(14,2) NOT NULL DEFAULT 0,
	PRIMARY KEY (entry_id, line_no),
	CONSTRAINT ck_one_side CHECK ((debit = 0 AND credit > 0) OR (credit = 0 AND debit > 0))
);

CREATE TABLE periods (
	year SMALLINT NOT NULL,
	month SMALLINT NOT NULL CHECK (month >= 1 AND month <= 12),
	locked BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (year, month)
);

CREATE INDEX ix_entries_journal_date ON entries (journal_id, booked_on);
CREATE INDEX ix_entry_lines_account ON entry_lines (account_id);
CREATE INDEX ix_entries_unposted ON entries (booked_on) WHERE posted = FALSE;
