-- dialect: postgres
-- Operator classes in index keys, as people and pg_dump write them.
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	name VARCHAR(50),
	email TEXT
);

CREATE INDEX ix_people_name ON people USING btree (name varchar_pattern_ops);
CREATE INDEX ix_people_email ON people (lower(email) text_pattern_ops DESC, id);
