-- only: sqlite
CREATE TABLE events (
	id BIGINT PRIMARY KEY, -- dbtool: no-autoincrement
	name TEXT NOT NULL
);
