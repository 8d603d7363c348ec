INSERT INTO gauges (id, reading, active, size, code) VALUES (1, '12', true, 4, 40);
INSERT INTO gauges (id, reading, active, size, code) VALUES (2, NULL, false, NULL, NULL);
