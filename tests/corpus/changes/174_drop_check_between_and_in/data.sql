INSERT INTO bookings (id, guests, nights) VALUES (1, 2, 3);
INSERT INTO bookings (id, guests, nights) VALUES (2, 8, 1);
