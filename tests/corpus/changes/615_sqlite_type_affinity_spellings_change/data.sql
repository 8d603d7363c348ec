INSERT INTO legacy (id, name, score, big, flag, notes) VALUES (1, 'a', 1.5, 9007199254740993, 1, 'x');
INSERT INTO legacy (id, name, score, big, flag, notes) VALUES (2, NULL, NULL, NULL, 0, NULL);
