-- A view, held as its definition.
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);

CREATE VIEW user_names AS SELECT name FROM users;
