INSERT INTO depts (id, name, head_id) VALUES (1, 'sales', NULL);
INSERT INTO staff (id, name, email, status, dept_id, grade) VALUES (1, 'ann', 'ann@example.org', 'active', 1, 8);
