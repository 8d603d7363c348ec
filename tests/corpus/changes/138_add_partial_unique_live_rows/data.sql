INSERT INTO accounts (id, email, deleted_at, plan) VALUES (1, 'Ann@Example.com', NULL, 'pro');
INSERT INTO accounts (id, email, deleted_at, plan) VALUES (2, 'bob@example.com', '2024-01-01 10:00:00', 'free');
INSERT INTO accounts (id, email, deleted_at, plan) VALUES (3, 'cy@example.com', NULL, 'free');
