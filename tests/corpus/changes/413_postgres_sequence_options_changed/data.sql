INSERT INTO tickets (id, number) VALUES (1, 7);
