-- Payroll: companies, employees, contracts over time, pay runs and
-- payslips with their lines, and tax brackets keyed by year and floor.
CREATE TABLE companies (
	id INTEGER PRIMARY KEY,
	legal_name VARCHAR(120) NOT NULL,
	tax_number VARCHAR(20) NOT NULL UNIQUE
);

CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	company_id INTEGER NOT NULL REFERENCES companies (id),
	personnel_no VARCHAR(10) NOT NULL,
	name VARCHAR(100) NOT NULL,
	iban VARCHAR(34),
	UNIQUE (company_id, personnel_no)
);

CREATE TABLE contracts (
	id INTEGER PRIMARY KEY,
	staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
	valid_from DATE NOT NULL,
	valid_to DATE,
	monthly_gross NUMERIC(10,2) NOT NULL CHECK (monthly_gross > 0),
	hours_per_week NUMERIC(4,1) NOT NULL DEFAULT 40.0,
	CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE pay_runs (
	id INTEGER PRIMARY KEY,
	company_id INTEGER NOT NULL REFERENCES companies (id),
	period_year SMALLINT NOT NULL,
	period_month SMALLINT NOT NULL CHECK (period_month BETWEEN 1 AND 12),
	closed BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (company_id, period_year, period_month)
);

CREATE TABLE payslips (
	id INTEGER PRIMARY KEY,
	pay_run_id INTEGER NOT NULL REFERENCES pay_runs (id) ON DELETE CASCADE,
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	gross NUMERIC(10,2) NOT NULL,
	net NUMERIC(10,2) NOT NULL,
	UNIQUE (pay_run_id, staff_id),
	CHECK (net <= gross)
);

CREATE TABLE payslip_lines (
	payslip_id INTEGER NOT NULL REFERENCES payslips (id) ON DELETE CASCADE,
	seq SMALLINT NOT NULL,
	code VARCHAR(10) NOT NULL,
	amount NUMERIC(10,2) NOT NULL,
	PRIMARY KEY (payslip_id, seq)
);

CREATE TABLE tax_brackets (
	year SMALLINT NOT NULL,
	floor_amount NUMERIC(12,2) NOT NULL,
	rate NUMERIC(5,4) NOT NULL CHECK (rate >= 0 AND rate < 1),
	PRIMARY KEY (year, floor_amount)
);

CREATE INDEX ix_contracts_staff_from ON contracts (staff_id, valid_from DESC);
CREATE INDEX ix_payslips_staff ON payslips (staff_id);
