INSERT INTO "Customers" ("CustomerId", "FirstName", "Email Address") VALUES (1, 'Luís', 'luis@example.com');
INSERT INTO "Customers" ("CustomerId", "FirstName", "Email Address") VALUES (2, 'Leonie', 'leonie@example.com');
INSERT INTO "Invoices" ("InvoiceId", "CustomerId", "Total") VALUES (1, 1, 1.98);
INSERT INTO "Invoices" ("InvoiceId", "CustomerId", "Total") VALUES (2, 2, 3.96);
