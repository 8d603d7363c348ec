INSERT INTO line_items (id, sku, qty, status) VALUES (1, 'A-1', 1, 'open');
INSERT INTO line_items (id, sku, qty, status) VALUES (2, 'B-2', 40, 'closed');
INSERT INTO line_items (id, sku, qty, status) VALUES (3, 'C-3', 100, 'open');
