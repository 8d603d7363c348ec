INSERT INTO payments (id, amount) VALUES (1, 250);
