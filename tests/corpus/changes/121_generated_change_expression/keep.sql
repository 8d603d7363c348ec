SELECT id, price, qty, total - price * qty IN (0, 5) FROM order_lines ORDER BY id
