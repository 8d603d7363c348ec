CREATE TABLE departments (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL
);

CREATE TABLE employees (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	department_id INTEGER,
	CONSTRAINT fk_employees_department FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE CASCADE
);
