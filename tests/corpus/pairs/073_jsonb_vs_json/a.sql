-- not-dialect: mysql (MariaDB/MySQL have one JSON type: jsonb and json are the same)
CREATE TABLE docs (
	id INTEGER PRIMARY KEY,
	body JSON
);
