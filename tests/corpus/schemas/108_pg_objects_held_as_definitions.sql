-- dialect: postgres
-- Objects held as definitions on PostgreSQL: a view, a trigger and its
-- function, a comment and a grant.
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL,
	edits INTEGER NOT NULL DEFAULT 0
);

CREATE VIEW long_notes AS SELECT id, body FROM notes WHERE length(body) > 100;

CREATE FUNCTION notes_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.edits := OLD.edits + 1;
	RETURN NEW;
END
$$;

CREATE TRIGGER notes_edited BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION notes_edited();

COMMENT ON TABLE notes IS 'free text';
GRANT SELECT ON notes TO PUBLIC;
