INSERT INTO counters (id, name, hits) VALUES (1, 'home', 123456);
INSERT INTO counters (id, name, hits) VALUES (2, 'about', 0);
