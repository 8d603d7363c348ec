-- A default cannot name a column.
CREATE TABLE settings (
	id INTEGER PRIMARY KEY,
	retries INTEGER,
	max_retries INTEGER DEFAULT retries
);
