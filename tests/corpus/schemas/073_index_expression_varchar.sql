-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
-- An expression index, lower() of a VARCHAR column, beside a plain key.
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email VARCHAR(120) NOT NULL,
	country CHAR(2)
);

CREATE INDEX ix_users_email_lower ON users (lower(email));
CREATE INDEX ix_users_country_email ON users (country, lower(email));
