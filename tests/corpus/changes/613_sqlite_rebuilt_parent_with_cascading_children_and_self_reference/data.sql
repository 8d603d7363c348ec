INSERT INTO categories (id, parent_id, name) VALUES (1, NULL, 'root');
INSERT INTO categories (id, parent_id, name) VALUES (2, 1, 'child');
INSERT INTO categories (id, parent_id, name) VALUES (3, 2, 'grandchild');
INSERT INTO items (id, category_id, name) VALUES (1, 3, 'leaf');
INSERT INTO items (id, category_id, name) VALUES (2, 1, 'top');
