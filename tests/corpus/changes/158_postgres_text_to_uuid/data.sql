INSERT INTO sessions (id, token, user_agent) VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'curl');
INSERT INTO sessions (id, token, user_agent) VALUES (2, '6f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', NULL);
