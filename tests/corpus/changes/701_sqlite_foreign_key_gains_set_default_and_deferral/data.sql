INSERT INTO kinds (name) VALUES ('other');
INSERT INTO kinds (name) VALUES ('image');
INSERT INTO files (id, kind, size) VALUES (1, 'image', 2048);
INSERT INTO files (id, kind, size) VALUES (2, NULL, 0);
