-- dialect: postgres
CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL);
CREATE VIEW note_bodies AS SELECT id, body FROM notes;
