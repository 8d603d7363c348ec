-- only: postgres
-- A policy narrowed to SELECT with another condition, a restrictive one
-- added, and row-level security forced on the owner too.
CREATE TABLE documents (id INTEGER PRIMARY KEY, owner TEXT, body TEXT);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents FOR SELECT USING (owner = current_user OR owner IS NULL);
CREATE POLICY documents_signed ON documents AS RESTRICTIVE FOR UPDATE TO PUBLIC
	USING (true) WITH CHECK (owner IS NOT NULL);
