INSERT INTO members (id, email, joined) VALUES (1, 'Ada@example.org', '2026-01-01');
INSERT INTO members (id, email, joined) VALUES (2, 'bob@example.org', NULL);
