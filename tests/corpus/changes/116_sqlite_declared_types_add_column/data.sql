INSERT INTO items (id, made, price, label, anything, whatever, name, doc) VALUES (1, '2020-01-01 10:00:00', 12, 'one', x'01', 1.5, 'ann', '{"a":1}');
INSERT INTO items (id, made, price, label, anything, whatever, name, doc) VALUES (2, NULL, NULL, 'two', 'text', 'x', NULL, NULL);
