INSERT INTO users (id, username) VALUES (1, 'ann');
INSERT INTO users (id, username) VALUES (2, 'bob');
INSERT INTO profiles (user_id, bio, avatar_url) VALUES (1, 'hi', NULL);
