-- dialect: postgres
CREATE TYPE stage AS ENUM ('new', 'done');
CREATE TABLE tasks (
	id integer PRIMARY KEY,
	stage stage NOT NULL DEFAULT 'new',
	history stage[] NOT NULL DEFAULT '{}'
);
