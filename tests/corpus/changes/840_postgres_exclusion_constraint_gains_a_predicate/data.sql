INSERT INTO bookings (id, during, cancelled) VALUES (1, '[2024-01-01 10:00+00,2024-01-01 11:00+00)', false);
INSERT INTO bookings (id, during, cancelled) VALUES (2, '[2024-01-02 10:00+00,2024-01-02 11:00+00)', true);
