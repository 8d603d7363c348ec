INSERT INTO peers (id, ip) VALUES (1, '10.0.0.1');
INSERT INTO peers (id, ip) VALUES (2, '192.168.1.0/24');
