INSERT INTO tags (id, name, color, rank) VALUES (1, 'urgent', 'grey', 1);
INSERT INTO tags (id, name, rank) VALUES (2, 'later', 2);
INSERT INTO counters (id, n) VALUES (1, 5);
INSERT INTO counters (n) VALUES (7);
