-- dialect: postgres
-- Row level security with permissive and restrictive policies for each
-- command, USING and WITH CHECK, for PUBLIC and CURRENT_USER.
CREATE TABLE notes (
	id integer PRIMARY KEY,
	owner name NOT NULL DEFAULT CURRENT_USER,
	tenant integer NOT NULL,
	body text
);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON notes FOR SELECT USING (true);
CREATE POLICY notes_own ON notes AS PERMISSIVE FOR ALL TO PUBLIC
	USING (owner = CURRENT_USER) WITH CHECK (owner = CURRENT_USER);
CREATE POLICY notes_tenant ON notes AS RESTRICTIVE FOR ALL TO CURRENT_USER
	USING (tenant = current_setting('app.tenant', true)::integer);
CREATE POLICY notes_insert ON notes FOR INSERT WITH CHECK (body IS NOT NULL);
CREATE POLICY notes_update ON notes FOR UPDATE USING (owner = CURRENT_USER);
CREATE POLICY notes_delete ON notes FOR DELETE USING (false);
