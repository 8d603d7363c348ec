-- only: postgres
CREATE TYPE task_state AS ENUM ('todo', 'done');
CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	state task_state NOT NULL DEFAULT 'todo'
);
