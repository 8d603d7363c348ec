INSERT INTO items (id, name) VALUES (1, 'lamp');
INSERT INTO items (id, name) VALUES (2, 'desk');
INSERT INTO archive.items (id, item_id, name) VALUES (10, 1, 'old lamp');
