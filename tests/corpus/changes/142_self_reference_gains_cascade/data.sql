INSERT INTO categories (id, name, parent_id) VALUES (1, 'root', NULL);
INSERT INTO categories (id, name, parent_id) VALUES (2, 'books', 1);
INSERT INTO categories (id, name, parent_id) VALUES (3, 'novels', 2);
INSERT INTO categories (id, name, parent_id) VALUES (4, 'music', 1);
