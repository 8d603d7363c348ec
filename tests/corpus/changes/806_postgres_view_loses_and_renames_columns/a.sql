-- dialect: postgres
CREATE TABLE staff (id integer PRIMARY KEY, name text NOT NULL, salary numeric(10,2), dept text);
CREATE VIEW staff_public AS SELECT id, name, dept, salary FROM staff;
CREATE VIEW depts AS SELECT DISTINCT dept FROM staff_public;
