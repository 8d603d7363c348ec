INSERT INTO rooms (id, code, floor) VALUES (1, 'a1', 1);
INSERT INTO rooms (id, code, floor) VALUES (2, 'b1', 2);
