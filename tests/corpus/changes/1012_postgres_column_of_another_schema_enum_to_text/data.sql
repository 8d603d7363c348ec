INSERT INTO alerts (id, level) VALUES (1, 'low'), (2, 'high'), (3, NULL);
