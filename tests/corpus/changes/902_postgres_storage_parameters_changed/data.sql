INSERT INTO counters (id, name, hits) VALUES (1, 'home', 120);
INSERT INTO counters (id, name, hits) VALUES (2, 'about', 7);
