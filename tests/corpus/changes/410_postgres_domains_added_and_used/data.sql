INSERT INTO accounts (id, owner) VALUES (1, 'ann');
