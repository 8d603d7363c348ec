-- only: mysql
-- Comments of MariaDB's columns and tables, among the other table options
-- as mariadb-dump writes them, and ON UPDATE in its spellings.
CREATE TABLE account (
    id INTEGER NOT NULL AUTO_INCREMENT,
    email VARCHAR(120) NOT NULL COMMENT 'unique, lower case',
    note TEXT COMMENT 'it''s free text: \\, "quotes", tabs\tand
lines',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    touched DATETIME(6) NULL ON UPDATE NOW(6),
    seen DATETIME ON UPDATE LOCALTIMESTAMP COMMENT 'last seen',
    PRIMARY KEY (id),
    UNIQUE KEY uq_account_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='the users who sign in';
CREATE TABLE session (
    id INTEGER NOT NULL PRIMARY KEY,
    account_id INTEGER NOT NULL COMMENT 'owner' REFERENCES account (id) ON DELETE CASCADE
) COMMENT 'one a login';
