-- id: corpus_r03
-- parent: corpus_r02
-- message: a child table that cascades, with rows
-- created: 2026-12-05T00:00:00Z

-- migrate:upgrade
CREATE TABLE corpus_tags (id INTEGER PRIMARY KEY,
	note_id INTEGER NOT NULL REFERENCES corpus_notes (id) ON DELETE CASCADE, tag TEXT);
INSERT INTO corpus_tags (id, note_id, tag) VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 2, 'c');
-- done;

-- migrate:downgrade
DROP TABLE corpus_tags;
