-- dialect: postgres
-- The view comes first in the file and reads a column that the table
-- below gains: the table takes its new shape before the view is made,
-- and the downgrade drops the view before the column.
CREATE VIEW pinned_notes AS SELECT id, body, pinned FROM notes WHERE pinned;
CREATE VIEW note_bodies AS SELECT id, body, pinned FROM notes;
CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL,
  pinned boolean NOT NULL DEFAULT false);
