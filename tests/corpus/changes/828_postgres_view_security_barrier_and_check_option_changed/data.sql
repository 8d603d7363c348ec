INSERT INTO accounts (id, active, balance) VALUES (1, true, 10);
