-- dialect: postgres
CREATE TABLE budgets (
	id integer PRIMARY KEY,
	planned numeric(9,2) NOT NULL
);
