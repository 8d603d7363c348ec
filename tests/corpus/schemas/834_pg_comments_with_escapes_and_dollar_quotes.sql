-- dialect: postgres
-- Comments written with E'' escapes (a line break, a tab), a dollar-quoted
-- text, an empty comment (which is no comment), and NULL.
CREATE TABLE memos (id integer PRIMARY KEY, body text, tag text);
COMMENT ON TABLE memos IS E'first line\nsecond line';
COMMENT ON COLUMN memos.body IS $$it's "quoted" and \ backslashed$$;
COMMENT ON COLUMN memos.tag IS E'tab\there';
COMMENT ON CONSTRAINT memos_pkey ON memos IS '';
COMMENT ON COLUMN memos.id IS NULL;
