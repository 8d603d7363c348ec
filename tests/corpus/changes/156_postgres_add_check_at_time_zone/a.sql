-- only: postgres
CREATE TABLE users (
	id integer PRIMARY KEY,
	email text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now()
);
