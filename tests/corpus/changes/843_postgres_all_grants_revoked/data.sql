INSERT INTO prices (id, net, note) VALUES (1, 9.99, 'promo');
