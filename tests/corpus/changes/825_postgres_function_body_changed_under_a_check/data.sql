INSERT INTO prices (id, amount) VALUES (1, 12.5);
