-- dialect: postgres
-- A literal default stays of the column's old type through ALTER TYPE in
-- PostgreSQL: the revision sets it again, so that it is the model's.
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	starts TIMESTAMP DEFAULT '2020-01-01 10:00:00',
	day DATE DEFAULT '2020-01-01',
	code CHAR(3) NOT NULL DEFAULT 'ab',
	amount NUMERIC(10,2) DEFAULT 1.5
);
