INSERT INTO settings (name, value) VALUES ('theme', 'dark');
INSERT INTO settings (name, value) VALUES ('lang', NULL);
INSERT INTO readings (id, value) VALUES (1, 1.5);
INSERT INTO readings (id, value) VALUES (7, -3.25);
