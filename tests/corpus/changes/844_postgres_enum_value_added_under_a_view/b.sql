-- dialect: postgres
-- A value added in place while a view compares the column with another:
-- the view goes around the change both ways, and the downgrade makes the
-- type again without the value.
CREATE TYPE stage AS ENUM ('new', 'doing', 'done');
CREATE TABLE tasks (id integer PRIMARY KEY, stage stage NOT NULL DEFAULT 'new');
CREATE VIEW open_tasks AS SELECT id FROM tasks WHERE stage <> 'done';
