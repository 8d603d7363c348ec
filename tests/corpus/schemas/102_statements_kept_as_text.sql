-- dialect: sqlite
-- Objects held as definitions on SQLite: a view and a trigger with a body.
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL,
	edits INTEGER NOT NULL DEFAULT 0
);

CREATE VIEW long_notes AS SELECT id, body FROM notes WHERE length(body) > 100;

CREATE TRIGGER notes_edited AFTER UPDATE ON notes BEGIN
	UPDATE notes SET edits = CASE WHEN edits IS NULL THEN 1 ELSE edits + 1 END WHERE id = new.id;
END;
