INSERT INTO categories (id, name) VALUES (1, 'root');
INSERT INTO categories (id, name) VALUES (2, 'books');
INSERT INTO categories (id, name) VALUES (3, 'novels');
INSERT INTO categories (id, name) VALUES (4, 'music');
