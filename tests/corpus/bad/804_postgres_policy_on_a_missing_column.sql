-- A policy whose USING names a column its table does not have.
CREATE TABLE notes (id integer PRIMARY KEY, owner name NOT NULL);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_own ON notes USING (author = CURRENT_USER);
