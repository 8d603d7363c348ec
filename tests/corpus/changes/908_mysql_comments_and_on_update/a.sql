-- only: mysql
-- MariaDB's comments of columns and tables, and ON UPDATE CURRENT_TIMESTAMP:
-- set, changed (the comment's text in MariaDB's escapes) and taken away.
CREATE TABLE item (
    id INTEGER PRIMARY KEY,
    name VARCHAR(40) NOT NULL COMMENT 'the item''s name',
    code VARCHAR(10) COMMENT 'a \\ b',
    changed DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    seen TIMESTAMP(3) NULL
) COMMENT = 'items';
CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    body TEXT
);
