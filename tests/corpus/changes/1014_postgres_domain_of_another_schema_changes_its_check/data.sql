INSERT INTO payments (id, total, raw) VALUES (1, 10, -1), (2, 999, 5);
