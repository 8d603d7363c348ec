-- only: postgres
-- Views as applications write them: = ANY (ARRAY[...]), CASE, NULLIF and
-- GREATEST over a join USING, a WITH query with an outer join and ORDER BY,
-- UNION ALL in a subquery, and security_invoker.
CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100),
	email VARCHAR(100),
	status VARCHAR(20) NOT NULL,
	dept_id INTEGER,
	grade INTEGER
);
CREATE TABLE depts (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100),
	head_id INTEGER
);
CREATE VIEW public.senior_staff AS
	SELECT id, CASE WHEN grade = ANY (ARRAY[7, 8, 9]) THEN 'senior' ELSE 'other' END AS band
	FROM staff;
CREATE VIEW public.staff_contacts AS
	SELECT s.id, d.name AS dept, NULLIF(s.email, '') AS email, GREATEST(s.grade, 0) AS grade
	FROM staff s JOIN depts d USING (id)
	WHERE s.grade > 0;
CREATE VIEW public.dept_sizes AS
	WITH counts AS (SELECT dept_id, count(*) AS n FROM staff WHERE status = 'active' GROUP BY dept_id)
	SELECT d.name, COALESCE(c.n, 0) AS n
	FROM depts d LEFT JOIN counts c ON c.dept_id = d.id
	ORDER BY d.name;
CREATE VIEW public.everyone AS
	SELECT id, name, kind FROM (
		SELECT id, name, 'staff' AS kind FROM staff
		UNION ALL
		SELECT id, name, 'dept' AS kind FROM depts
	) AS u
	WHERE id IS NOT NULL;
CREATE VIEW public.active_staff WITH (security_invoker = true) AS
	SELECT id, name FROM staff WHERE status = 'active';
