SELECT id, state::text FROM shop.orders ORDER BY id
