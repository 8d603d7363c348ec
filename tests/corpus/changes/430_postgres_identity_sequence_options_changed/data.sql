INSERT INTO tickets (id, title, seq) VALUES (1, 'printer jammed', 1);
INSERT INTO tickets (id, title, seq) VALUES (2, 'no coffee', 2);
