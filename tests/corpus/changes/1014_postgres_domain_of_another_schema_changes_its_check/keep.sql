SELECT id, total, raw FROM payments ORDER BY id
