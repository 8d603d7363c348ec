INSERT INTO accounts (id, owner, balance) VALUES (1, 'ann', 5000);
INSERT INTO accounts (id, owner, balance) VALUES (2, 'bob', 10);
INSERT INTO ledger (id, account_id, amount) VALUES (1, 1, 100);
INSERT INTO ledger (id, account_id, amount) VALUES (2, 2, -20);
INSERT INTO audit (id, note) VALUES (100, 'opened');
