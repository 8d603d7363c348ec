INSERT INTO readings (id, sensor, taken_at) VALUES (1, 'north', '2024-03-01 10:00:00');
INSERT INTO readings (id, sensor, taken_at) VALUES (2, 'south', '2024-03-02 11:30:00');
