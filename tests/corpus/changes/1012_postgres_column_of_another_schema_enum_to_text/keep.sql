SELECT id, level::text FROM alerts ORDER BY id
