CREATE TABLE item (
    id INTEGER PRIMARY KEY,
    name VARCHAR(60) NOT NULL COMMENT 'the name',
    code VARCHAR(10),
    changed DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    seen TIMESTAMP(3) NULL ON UPDATE NOW(3) COMMENT 'when it was seen'
) COMMENT = 'items';
CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    body TEXT COMMENT 'free text'
) COMMENT 'notes, one a row';
