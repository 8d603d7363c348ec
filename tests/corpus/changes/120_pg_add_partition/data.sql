INSERT INTO measurements (id, logdate, peak) VALUES (1, '2024-03-01', 10);
INSERT INTO measurements (id, logdate, peak) VALUES (2, '2024-11-30', 12);
INSERT INTO measurements (id, logdate, peak) VALUES (3, '2031-01-01', NULL);
INSERT INTO customers (id, region, name) VALUES (1, 'de', 'anna');
INSERT INTO customers (id, region, name) VALUES (2, 'jp', 'ken');
INSERT INTO events (id, kind) VALUES (1, 'login');
INSERT INTO events (id, kind) VALUES (2, 'logout');
INSERT INTO events (id, kind) VALUES (3, 'login');
