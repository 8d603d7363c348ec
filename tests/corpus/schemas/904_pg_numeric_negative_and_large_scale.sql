-- dialect: postgres
-- not-dialect: mysql (DECIMAL's scale is between 0 and its precision)
-- PostgreSQL 15's NUMERIC with a negative scale (rounded to hundreds) and
-- with a scale above its precision (only digits after the point).
CREATE TABLE budgets (
	id integer PRIMARY KEY,
	planned numeric(7,-2) NOT NULL DEFAULT 0,
	rate numeric(3,5),
	spent numeric(12,2),
	CONSTRAINT budgets_rate_small CHECK (rate < 0.01)
);
