-- A human-resources schema like the classic sample: regions, countries,
-- locations, departments with a manager, jobs with a salary range,
-- employees, their job history and dependents.
CREATE TABLE regions (
	region_id INTEGER PRIMARY KEY,
	region_name VARCHAR(25)
);

CREATE TABLE countries (
	country_id CHAR(2) PRIMARY KEY,
	country_name VARCHAR(40),
	region_id INTEGER NOT NULL REFERENCES regions (region_id) ON DELETE CASCADE
);

CREATE TABLE locations (
	location_id INTEGER PRIMARY KEY,
	street_address VARCHAR(40),
	postal_code VARCHAR(12),
	city VARCHAR(30) NOT NULL,
	state_province VARCHAR(25),
	country_id CHAR(2) NOT NULL REFERENCES countries (country_id)
);

CREATE TABLE jobs (
	job_id VARCHAR(10) PRIMARY KEY,
	job_title VARCHAR(35) NOT NULL,
	min_salary NUMERIC(8,2),
	max_salary NUMERIC(8,2),
	CHECK (min_salary <= max_salary)
);

CREATE TABLE departments (
	department_id INTEGER PRIMARY KEY,
	department_name VARCHAR(30) NOT NULL,
	manager_id INTEGER,
	location_id INTEGER REFERENCES locations (location_id)
);

CREATE TABLE employees (
	employee_id INTEGER PRIMARY KEY,
	first_name VARCHAR(20),
	last_name VARCHAR(25) NOT NULL,
	email VARCHAR(100) NOT NULL UNIQUE,
	phone_number VARCHAR(20),
	hire_date DATE NOT NULL,
	job_id VARCHAR(10) NOT NULL REFERENCES jobs (job_id),
	salary NUMERIC(8,2) NOT NULL CHECK (salary > 0),
	commission_pct NUMERIC(2,2),
	manager_id INTEGER REFERENCES employees (employee_id),
	department_id INTEGER REFERENCES departments (department_id)
);

ALTER TABLE departments ADD CONSTRAINT dept_mgr_fk FOREIGN KEY (manager_id) REFERENCES employees (employee_id);

CREATE TABLE job_history (
	employee_id INTEGER NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
	start_date DATE NOT NULL,
	end_date DATE NOT NULL,
	job_id VARCHAR(10) NOT NULL REFERENCES jobs (job_id),
	department_id INTEGER REFERENCES departments (department_id),
	PRIMARY KEY (employee_id, start_date),
	CONSTRAINT jhist_date_interval CHECK (end_date > start_date)
);

CREATE TABLE dependents (
	dependent_id INTEGER PRIMARY KEY,
	first_name VARCHAR(50) NOT NULL,
	last_name VARCHAR(50) NOT NULL,
	relationship VARCHAR(25) NOT NULL,
	employee_id INTEGER NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE
);

CREATE INDEX emp_department_ix ON employees (department_id);
CREATE INDEX emp_job_ix ON employees (job_id);
CREATE INDEX emp_manager_ix ON employees (manager_id);
CREATE INDEX emp_name_ix ON employees (last_name, first_name);
CREATE INDEX loc_city_ix ON locations (city);
