INSERT INTO invoices (id, no) VALUES (1, 17);
