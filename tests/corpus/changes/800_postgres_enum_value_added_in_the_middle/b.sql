-- dialect: postgres
-- A value between the two: added in place (ALTER TYPE ... ADD VALUE
-- BEFORE), rows and the array column's default kept; the downgrade makes
-- the type again without it, and drops the column added beside it.
CREATE TYPE stage AS ENUM ('new', 'doing', 'done');
CREATE TABLE tasks (
	id integer PRIMARY KEY,
	stage stage NOT NULL DEFAULT 'new',
	history stage[] NOT NULL DEFAULT '{}',
	assignee text
);
