SELECT id, name, x, "important data" FROM users ORDER BY id;
SELECT id, author FROM posts ORDER BY id;
