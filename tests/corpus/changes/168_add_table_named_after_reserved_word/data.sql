INSERT INTO accounts (id, name) VALUES (1, 'main');
INSERT INTO accounts (id, name) VALUES (2, 'spare');
