-- dialect: postgres
CREATE TABLE invoices (id integer PRIMARY KEY, no integer);
