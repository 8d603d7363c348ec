-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- Time tracking for an agency: clients, projects with a budget, tasks,
-- people with hourly rates over time, time entries and invoices that
-- bill them.
CREATE TABLE clients (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL UNIQUE,
	currency CHAR(3) NOT NULL DEFAULT 'EUR'
);

CREATE TABLE projects (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES clients (id),
	code VARCHAR(12) NOT NULL UNIQUE,
	name VARCHAR(100) NOT NULL,
	budget_hours NUMERIC(7,1),
	billable BOOLEAN NOT NULL DEFAULT TRUE,
	archived BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name VARCHAR(80) NOT NULL,
	UNIQUE (project_id, name)
);

CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL UNIQUE,
	name VARCHAR(80) NOT NULL
);

CREATE TABLE rates (
	staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
	valid_from DATE NOT NULL,
	hourly NUMERIC(7,2) NOT NULL CHECK (hourly > 0),
	PRIMARY KEY (staff_id, valid_from)
);

CREATE TABLE client_invoices (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES clients (id),
	number VARCHAR(20) NOT NULL UNIQUE,
	issued_on DATE NOT NULL,
	total NUMERIC(12,2) NOT NULL DEFAULT 0
);

CREATE TABLE time_entries (
	id BIGINT PRIMARY KEY,
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	task_id INTEGER NOT NULL REFERENCES tasks (id),
	worked_on DATE NOT NULL,
	minutes SMALLINT NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
	note VARCHAR(250),
	invoice_id INTEGER REFERENCES client_invoices (id) ON DELETE SET NULL
);

CREATE INDEX ix_time_entries_staff_day ON time_entries (staff_id, worked_on);
CREATE INDEX ix_time_entries_unbilled ON time_entries (task_id) WHERE invoice_id IS NULL;
