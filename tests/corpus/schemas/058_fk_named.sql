-- A named foreign key written as a table constraint.
CREATE TABLE departments (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL
);

CREATE TABLE employees (
	id INTEGER PRIMARY KEY,
	department_id INTEGER NOT NULL,
	name VARCHAR(60) NOT NULL,
	CONSTRAINT fk_employees_department FOREIGN KEY (department_id) REFERENCES departments (id)
);
