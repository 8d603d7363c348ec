-- dialect: postgres
CREATE TABLE projects (id integer);
ALTER TABLE projects ADD PRIMARY KEY (id);
ALTER TABLE projects ADD COLUMN name text;
CREATE TABLE tasks (id integer PRIMARY KEY, project_id integer);
ALTER TABLE tasks ADD CONSTRAINT tasks_project_fk FOREIGN KEY (project_id) REFERENCES projects (id);
