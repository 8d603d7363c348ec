INSERT INTO bookings (id, room, slot) VALUES (1, 'blue', 1);
INSERT INTO bookings (id, room, slot) VALUES (2, 'blue', 2);
INSERT INTO bookings (id, room, slot) VALUES (3, 'red', 1);
