-- dialect: postgres
CREATE SCHEMA app;

CREATE TABLE app.settings (
	name text PRIMARY KEY,
	value text
);
