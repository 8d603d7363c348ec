INSERT INTO customers (id, fullname, phone) VALUES (1, 'Ann Smith', '555-0101');
INSERT INTO customers (id, fullname, phone) VALUES (2, 'Bob Jones', NULL);
