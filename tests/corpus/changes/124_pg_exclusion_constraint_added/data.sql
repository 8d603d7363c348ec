INSERT INTO bookings (id, room, during) VALUES (1, 1, '[2024-01-01 10:00, 2024-01-01 12:00)');
INSERT INTO bookings (id, room, during) VALUES (2, 1, '[2024-01-01 12:00, 2024-01-01 13:00)');
INSERT INTO bookings (id, room, during) VALUES (3, 2, '[2024-01-01 10:00, 2024-01-01 12:00)');
