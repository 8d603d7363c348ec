INSERT INTO users (id, name) VALUES (1, 'ann');
INSERT INTO sessions (id, user_id, token) VALUES (1, 1, 'abc');
