INSERT INTO readings (id, value) VALUES (1, 21);
