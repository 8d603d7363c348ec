-- dialect: postgres
CREATE TABLE tickets (
	id integer PRIMARY KEY, -- dbtool: no-autoincrement
	title text NOT NULL
);
