INSERT INTO jobs (id, state) VALUES (1, 'queued');
