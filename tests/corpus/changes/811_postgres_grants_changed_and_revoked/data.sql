INSERT INTO ledger (id, amount, memo) VALUES (1, 10, 'open');
