-- not-dialect: mysql (MariaDB/MySQL require VARCHAR's length)
-- VARCHAR and CHARACTER VARYING without a length.
CREATE TABLE tags (
	id INTEGER PRIMARY KEY,
	label VARCHAR NOT NULL,
	description CHARACTER VARYING
);
