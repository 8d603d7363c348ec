SELECT id, email::text FROM users ORDER BY id
