INSERT INTO tags (id, label) VALUES (1, 'red');
INSERT INTO tags (id, label) VALUES (2, 'green');
INSERT INTO tags (id, label) VALUES (3, NULL);
