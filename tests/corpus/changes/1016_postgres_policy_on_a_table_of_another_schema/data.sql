INSERT INTO app.accounts (id, owner) VALUES (1, 'shared'), (2, 'ann');
INSERT INTO accounts (id) VALUES (1);
