-- dialect: postgres
-- A policy's command changes (which ALTER POLICY cannot do), another's
-- check and roles change, one is dropped and one added; RLS is forced.
CREATE TABLE messages (id integer PRIMARY KEY, author name NOT NULL DEFAULT CURRENT_USER, body text);
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY messages_mine ON messages FOR ALL USING (author = CURRENT_USER);
CREATE POLICY messages_write ON messages FOR INSERT TO PUBLIC WITH CHECK (author = CURRENT_USER AND body IS NOT NULL);
CREATE POLICY messages_admin ON messages AS RESTRICTIVE FOR UPDATE USING (body <> '');
