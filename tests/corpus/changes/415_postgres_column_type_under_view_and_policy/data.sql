INSERT INTO meters (id, reading, site) VALUES (1, 42, 'roof');
