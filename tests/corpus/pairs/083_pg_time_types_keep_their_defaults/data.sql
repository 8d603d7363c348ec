INSERT INTO events (id, starts, day, code, amount) VALUES (1, '2024-01-02 03:04:05', '1990-05-17', 'abc', 12.5);
INSERT INTO events (id, starts, day, code, amount) VALUES (2, NULL, NULL, 'xyz', NULL);
