SELECT id, name FROM items ORDER BY id
SELECT id, item_id, name FROM archive.items ORDER BY id
