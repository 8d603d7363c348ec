INSERT INTO codes (id, name) VALUES (7, 'seven');
INSERT INTO codes (id, name) VALUES (42, 'answer');
