-- dialect: postgres
-- Views with column names, WITH CHECK OPTION, a recursive view, a view on
-- a view, and materialized views WITH NO DATA and with a unique index.
CREATE TABLE nodes (
	id integer PRIMARY KEY,
	parent_id integer REFERENCES nodes,
	name text NOT NULL,
	size bigint NOT NULL DEFAULT 0
);
CREATE VIEW big_nodes (node_id, node_name) AS
	SELECT id, name FROM nodes WHERE size > 1000
	WITH LOCAL CHECK OPTION;
CREATE RECURSIVE VIEW node_paths (id, path) AS
	SELECT id, name FROM nodes WHERE parent_id IS NULL
	UNION ALL
	SELECT n.id, p.path || '/' || n.name FROM nodes n JOIN node_paths p ON n.parent_id = p.id;
CREATE VIEW deep_paths AS SELECT id, path FROM node_paths WHERE path LIKE '%/%/%';
CREATE MATERIALIZED VIEW node_sizes AS
	SELECT parent_id, sum(size) AS total FROM nodes GROUP BY parent_id
	WITH NO DATA;
CREATE MATERIALIZED VIEW root_names AS SELECT id, name FROM nodes WHERE parent_id IS NULL;
CREATE UNIQUE INDEX root_names_id ON root_names (id);
