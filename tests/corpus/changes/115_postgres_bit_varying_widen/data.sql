INSERT INTO masks (id, m, w) VALUES (1, B'10101', '1 day');
