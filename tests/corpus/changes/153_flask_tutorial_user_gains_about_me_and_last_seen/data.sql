INSERT INTO "user" (id, username, email, password_hash) VALUES (1, 'susan', 'susan@example.com', 'pbkdf2:x');
INSERT INTO "user" (id, username, email, password_hash) VALUES (2, 'john', 'john@example.com', NULL);
INSERT INTO post (id, body, "timestamp", user_id) VALUES (1, 'my first post!', '2024-01-01 10:00:00', 1);
INSERT INTO post (id, body, "timestamp", user_id) VALUES (2, 'hello', '2024-01-02 11:30:00', 2);
