-- dialect: postgres
CREATE TABLE readings (
	id integer PRIMARY KEY,
	sensor text NOT NULL,
	taken_at timestamp NOT NULL
);
