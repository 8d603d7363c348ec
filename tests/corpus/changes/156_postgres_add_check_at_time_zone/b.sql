-- only: postgres
CREATE TABLE users (
	id integer PRIMARY KEY,
	email text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT users_created_recent CHECK ((created_at AT TIME ZONE 'UTC') > '2000-01-01 00:00:00'::timestamp)
);
