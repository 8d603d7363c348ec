-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
-- An expression index, lower() of a TEXT column.
CREATE TABLE subscribers (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_subscribers_email ON subscribers (lower(email));
