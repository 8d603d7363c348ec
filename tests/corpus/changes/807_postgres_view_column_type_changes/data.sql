INSERT INTO metrics (id, v) VALUES (1, 4);
