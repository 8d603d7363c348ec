-- only: postgres
CREATE TABLE documents (id INTEGER PRIMARY KEY, owner TEXT, body TEXT);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner = current_user);
