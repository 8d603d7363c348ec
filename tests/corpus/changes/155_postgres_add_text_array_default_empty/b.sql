-- only: postgres
CREATE TABLE users (
	id integer PRIMARY KEY,
	email text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now(),
	tags text[] NOT NULL DEFAULT '{}',
	roles varchar(20)[]
);
