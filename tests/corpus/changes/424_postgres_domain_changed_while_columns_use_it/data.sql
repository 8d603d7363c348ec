INSERT INTO order_lines (id, qty, backorder) VALUES (1, 12, 3);
INSERT INTO order_lines (id, qty) VALUES (2, 1);
