INSERT INTO metrics (id, name, samples, value) VALUES (1, 'cpu', 120, 1.5);
INSERT INTO metrics (id, name, samples, value) VALUES (2, 'mem', 32000, 2.25);
INSERT INTO metrics (id, name, samples, value) VALUES (3, 'disk', 0, NULL);
