-- A default cannot name a column on PostgreSQL (SQLite takes the bare word
-- as the string 'retries').
CREATE TABLE settings (
	id INTEGER PRIMARY KEY,
	retries INTEGER,
	max_retries INTEGER DEFAULT retries
);
