INSERT INTO logs (id, at, msg) VALUES (1, '2024-03-01', 'spring');
INSERT INTO logs (id, at, msg) VALUES (2, '2024-09-01', 'autumn');
