SELECT id, title, body FROM articles ORDER BY id
