-- dialect: postgres
-- Row level security, a policy, a comment on the policy and grants to
-- PUBLIC arrive together on a table that has rows.
CREATE TABLE documents (id integer PRIMARY KEY, owner name NOT NULL DEFAULT CURRENT_USER, body text);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner = CURRENT_USER);
COMMENT ON POLICY documents_owner ON documents IS 'each sees their own';
GRANT SELECT, INSERT, UPDATE ON documents TO PUBLIC;
