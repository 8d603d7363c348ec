INSERT INTO accounts (id, name) VALUES (1, 'north');
INSERT INTO accounts (id, name) VALUES (2, 'south');
