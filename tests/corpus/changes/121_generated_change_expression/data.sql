INSERT INTO order_lines (id, price, qty) VALUES (1, 250, 4);
INSERT INTO order_lines (id, price, qty) VALUES (2, 1000, 3);
