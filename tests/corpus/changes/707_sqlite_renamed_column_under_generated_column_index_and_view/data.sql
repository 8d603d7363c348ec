INSERT INTO people (id, fullname, born) VALUES (1, 'Ada Lovelace', '1815-12-10');
INSERT INTO people (id, fullname, born) VALUES (2, 'Grace Hopper', NULL);
