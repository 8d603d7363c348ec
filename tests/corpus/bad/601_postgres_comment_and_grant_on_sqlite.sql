CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);
COMMENT ON TABLE users IS 'people who sign in';
GRANT SELECT ON users TO reporting;
