INSERT INTO shop.orders (id, state) VALUES (1, 'open'), (2, 'paid');
