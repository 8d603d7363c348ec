INSERT INTO samples (sensor, taken, value) VALUES ('t1', 100, 21.5);
INSERT INTO samples (sensor, taken, value) VALUES ('t2', 100, NULL);
