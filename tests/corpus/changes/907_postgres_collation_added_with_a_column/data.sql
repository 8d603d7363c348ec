INSERT INTO members (id, handle) VALUES (1, 'ada');
INSERT INTO members (id, handle) VALUES (2, 'Grace');
