INSERT INTO employees (id, name, manager_id) VALUES (1, 'ada', NULL);
INSERT INTO employees (id, name, manager_id) VALUES (2, 'grace', 1);
INSERT INTO employees (id, name, manager_id) VALUES (3, 'linus', 2);
INSERT INTO employees (id, name, manager_id) VALUES (4, 'ken', 1);
