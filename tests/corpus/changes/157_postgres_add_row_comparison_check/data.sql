INSERT INTO releases (id, major, minor, name) VALUES (1, 1, 0, 'first');
INSERT INTO releases (id, major, minor, name) VALUES (2, 2, 5, NULL);
