-- A two-column primary key declared as a table constraint.
CREATE TABLE translations (
	key VARCHAR(100) NOT NULL,
	locale CHAR(5) NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (key, locale)
);
