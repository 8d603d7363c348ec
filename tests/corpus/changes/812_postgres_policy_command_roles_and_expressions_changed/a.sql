-- dialect: postgres
CREATE TABLE messages (id integer PRIMARY KEY, author name NOT NULL DEFAULT CURRENT_USER, body text);
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY messages_mine ON messages FOR SELECT USING (author = CURRENT_USER);
CREATE POLICY messages_write ON messages FOR INSERT WITH CHECK (author = CURRENT_USER);
CREATE POLICY messages_gone ON messages FOR DELETE USING (false);
