-- dialect: postgres
-- Row level security and a policy on a table of another schema: the
-- policy's condition changes and a second one comes, on a table of the
-- same name in public too.
CREATE SCHEMA app;

CREATE TABLE app.accounts (
	id integer PRIMARY KEY,
	owner text NOT NULL
);
ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.accounts USING (owner = current_user);

CREATE TABLE accounts (
	id integer PRIMARY KEY
);
