INSERT INTO visits (id, page) VALUES (1, '/');
