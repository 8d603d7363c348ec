INSERT INTO staff (id, name, salary, dept) VALUES (1, 'ada', 100.00, 'eng');
