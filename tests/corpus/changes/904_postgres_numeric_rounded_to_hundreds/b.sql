-- dialect: postgres
-- Plans are kept in hundreds (a negative scale, PostgreSQL 15): the column's
-- type changes, and the values, already whole hundreds, stay.
CREATE TABLE budgets (
	id integer PRIMARY KEY,
	planned numeric(9,-2) NOT NULL
);
