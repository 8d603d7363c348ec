INSERT INTO employees (id, name, salary, touched) VALUES (1, 'ann', 1000.00, '2024-01-01 10:00:00');
