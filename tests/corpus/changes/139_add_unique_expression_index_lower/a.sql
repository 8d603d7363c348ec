-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL,
	deleted_at TIMESTAMP,
	plan VARCHAR(10) NOT NULL DEFAULT 'free'
);
