-- Objects the model keeps as statements (not yet compared): a view, a
-- trigger with a body, a comment and a grant.
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL,
	edits INTEGER NOT NULL DEFAULT 0
);

CREATE VIEW long_notes AS SELECT id, body FROM notes WHERE length(body) > 100;

CREATE TRIGGER notes_edited AFTER UPDATE ON notes BEGIN
	UPDATE notes SET edits = CASE WHEN edits IS NULL THEN 1 ELSE edits + 1 END WHERE id = new.id;
END;

COMMENT ON TABLE notes IS 'free text';
GRANT SELECT ON notes TO PUBLIC;
