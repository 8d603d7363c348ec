INSERT INTO documents (id, title, state, score, pinned) VALUES (1, 'a', 'draft', 1.25, FALSE);
INSERT INTO documents (id, title, state, score, pinned) VALUES (2, 'b', 'final', NULL, TRUE);
