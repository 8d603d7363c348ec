INSERT INTO invoices (id, number) VALUES (1, 'INV-1');
INSERT INTO invoices (id, number) VALUES (2, 'INV-2');
INSERT INTO invoice_notes (id, invoice_id, note) VALUES (1, 1, 'paid late');
