INSERT INTO invoices (id, customer) VALUES (1, 'acme');
INSERT INTO invoices (id, customer) VALUES (2, 'globex');
