-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A partial index on the rows not deleted.
CREATE TABLE records (
	id INTEGER PRIMARY KEY,
	owner VARCHAR(40) NOT NULL,
	deleted_at TIMESTAMP
);

CREATE INDEX ix_records_live ON records (owner) WHERE deleted_at IS NULL;
