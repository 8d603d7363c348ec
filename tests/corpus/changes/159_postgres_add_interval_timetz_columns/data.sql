INSERT INTO stores (id, name) VALUES (1, 'north');
INSERT INTO stores (id, name) VALUES (2, 'south');
