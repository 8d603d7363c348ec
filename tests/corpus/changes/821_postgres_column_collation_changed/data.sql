INSERT INTO names (id, name) VALUES (1, 'Zoe');
INSERT INTO names (id, name) VALUES (2, 'adam');
