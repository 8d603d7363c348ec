-- id: corpus_r02
-- parent: corpus_r01
-- message: rows, the last statement without its ';'
-- created: 2026-12-05T00:00:00Z

-- migrate:upgrade
INSERT INTO corpus_notes (id, body) VALUES (1, 'one; -- not a comment');
INSERT INTO corpus_notes (id, body) VALUES (2, 'two')

-- migrate:downgrade
DELETE FROM corpus_notes WHERE id IN (1, 2)
/* rows gone; */
