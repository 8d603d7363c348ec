INSERT INTO subscriptions (id, plan) VALUES (1, 'basic');
INSERT INTO subscriptions (id, plan) VALUES (2, 'pro');
