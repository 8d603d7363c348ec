INSERT INTO secrets (id, v) VALUES (1, 'x');
