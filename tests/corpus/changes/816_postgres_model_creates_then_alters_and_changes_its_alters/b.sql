-- dialect: postgres
-- The history grows by more ALTERs: a column added with a default, NOT
-- NULL set, the foreign key given ON DELETE CASCADE by dropping and adding
-- it, a CHECK, an index, and a column renamed.
CREATE TABLE projects (id integer);
ALTER TABLE projects ADD PRIMARY KEY (id);
ALTER TABLE projects ADD COLUMN name text;
CREATE TABLE tasks (id integer PRIMARY KEY, project_id integer);
ALTER TABLE tasks ADD CONSTRAINT tasks_project_fk FOREIGN KEY (project_id) REFERENCES projects (id);
ALTER TABLE projects ADD COLUMN archived boolean DEFAULT false;
ALTER TABLE projects ALTER COLUMN archived SET NOT NULL;
ALTER TABLE tasks DROP CONSTRAINT tasks_project_fk;
ALTER TABLE tasks ADD CONSTRAINT tasks_project_fk FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE projects ADD CONSTRAINT projects_name_check CHECK (name <> '');
CREATE INDEX tasks_project_idx ON tasks (project_id);
ALTER TABLE projects RENAME COLUMN name TO title;
