INSERT INTO order_lines (id, price, qty) VALUES (1, 2.50, 4);
INSERT INTO order_lines (id, price, qty) VALUES (2, 10.00, 3);
