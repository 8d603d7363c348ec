SELECT id, name, price::integer FROM products ORDER BY id
