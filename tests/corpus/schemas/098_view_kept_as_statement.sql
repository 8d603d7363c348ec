-- A view is kept as a statement of the model (not yet compared).
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);

CREATE VIEW user_names AS SELECT name FROM users;
