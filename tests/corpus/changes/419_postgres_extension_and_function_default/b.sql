-- only: postgres
-- An extension added with IF NOT EXISTS, and a column whose default calls
-- one of its functions.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE api_keys (
	id INTEGER PRIMARY KEY,
	label TEXT,
	secret TEXT NOT NULL DEFAULT encode(gen_random_bytes(16), 'hex')
);
