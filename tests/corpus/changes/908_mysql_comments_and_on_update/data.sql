INSERT INTO item (id, name, code, changed, seen) VALUES (1, 'a', 'b', '2021-02-03 04:05:06', '2021-02-03 04:05:06.125');
INSERT INTO note (id, body) VALUES (1, 'x');
