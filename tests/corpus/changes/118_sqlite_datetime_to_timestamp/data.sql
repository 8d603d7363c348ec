INSERT INTO events (id, at, amount) VALUES (1, '2020-01-01 10:00:00', 5);
INSERT INTO events (id, at, amount) VALUES (2, '2021-06-30 23:59:59', NULL);
