-- id: corpus_r01
-- parent: corpus_head
-- message: sections that end in a comment whose last character is ';'
-- created: 2026-12-05T00:00:00Z

-- migrate:upgrade
CREATE TABLE corpus_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)
-- the table is made;

-- migrate:downgrade
DROP TABLE corpus_notes
-- gone;
