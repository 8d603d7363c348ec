-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL,
	deleted_at TIMESTAMP,
	plan VARCHAR(10) NOT NULL DEFAULT 'free'
);
