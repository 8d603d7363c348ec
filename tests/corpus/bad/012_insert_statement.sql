CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
-- Data does not belong in the model.
INSERT INTO users (id, name) VALUES (1, 'root');
