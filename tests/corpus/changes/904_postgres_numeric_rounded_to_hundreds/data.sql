INSERT INTO budgets (id, planned) VALUES (1, 1200);
INSERT INTO budgets (id, planned) VALUES (2, 45000);
