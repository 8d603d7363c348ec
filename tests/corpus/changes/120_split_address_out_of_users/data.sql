INSERT INTO users (id, email, name, street, city, postcode) VALUES (1, 'ann@example.com', 'Ann', '1 High St', 'Leeds', 'LS1 1AA');
INSERT INTO users (id, email, name, street, city, postcode) VALUES (2, 'bob@example.com', 'Bob', NULL, 'York', NULL);
INSERT INTO users (id, email, name, street, city, postcode) VALUES (3, 'cy@example.com', 'Cy', NULL, NULL, NULL);
