-- dialect: postgres
CREATE TYPE stage AS ENUM ('new', 'done');
CREATE TABLE tasks (id integer PRIMARY KEY, stage stage NOT NULL DEFAULT 'new');
CREATE VIEW open_tasks AS SELECT id FROM tasks WHERE stage <> 'done';
