INSERT INTO notes (id, body) VALUES (1, 'buy milk');
INSERT INTO notes (id, body) VALUES (2, 'call the bank');
