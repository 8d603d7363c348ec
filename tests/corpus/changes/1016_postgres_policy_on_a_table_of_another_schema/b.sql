-- dialect: postgres
CREATE SCHEMA app;

CREATE TABLE app.accounts (
	id integer PRIMARY KEY,
	owner text NOT NULL
);
ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.accounts FOR SELECT USING (owner = current_user OR owner = 'shared');
CREATE POLICY add_own ON app.accounts FOR INSERT WITH CHECK (owner = current_user);

CREATE TABLE accounts (
	id integer PRIMARY KEY
);
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON accounts USING (id > 0);
