INSERT INTO shipments (id, state) VALUES (1, 'sent');
INSERT INTO shipments (id, state) VALUES (2, 'delivered');
