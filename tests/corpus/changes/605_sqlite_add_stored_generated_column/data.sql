INSERT INTO lines (id, qty, unit_price) VALUES (1, 2, 1.5);
INSERT INTO lines (id, qty, unit_price) VALUES (2, 10, 0.25);
