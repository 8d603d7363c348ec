INSERT INTO parcels (id, weight) VALUES (1, '12');
INSERT INTO parcels (id, weight) VALUES (2, '7');
