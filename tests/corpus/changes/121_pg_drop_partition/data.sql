INSERT INTO measurements (id, logdate, peak) VALUES (1, '2024-03-01', 10);
INSERT INTO measurements (id, logdate, peak) VALUES (2, '2024-11-30', 12);
