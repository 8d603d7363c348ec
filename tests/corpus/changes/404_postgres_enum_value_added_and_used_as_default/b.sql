-- only: postgres
-- A value added and, in the same change, made a column's default and used
-- by a new table: PostgreSQL refuses a value that ADD VALUE added before
-- the transaction commits, so the type is made again instead.
CREATE TYPE task_state AS ENUM ('todo', 'doing', 'done');
CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	state task_state NOT NULL DEFAULT 'doing'
);
CREATE TABLE subtasks (
	id INTEGER PRIMARY KEY,
	task_id INTEGER NOT NULL REFERENCES tasks (id),
	state task_state NOT NULL DEFAULT 'doing'
);
