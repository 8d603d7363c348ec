INSERT INTO billing.invoices (id, number, amount, discount) VALUES (1, 'A-1', 10.50, 5);
INSERT INTO billing.invoices (id, number, amount, discount) VALUES (2, 'A-2', 99.00, NULL);
