INSERT INTO addresses (id, city, zip) VALUES (1, 'Lyon', '69001');
INSERT INTO addresses (id, city, zip) VALUES (2, 'Lyon', '69002');
