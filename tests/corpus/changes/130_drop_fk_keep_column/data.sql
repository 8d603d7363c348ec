INSERT INTO departments (id, name) VALUES (1, 'sales');
INSERT INTO departments (id, name) VALUES (2, 'ops');
INSERT INTO employees (id, name, department_id) VALUES (1, 'ann', 1);
INSERT INTO employees (id, name, department_id) VALUES (2, 'bob', 2);
INSERT INTO employees (id, name, department_id) VALUES (3, 'cy', NULL);
