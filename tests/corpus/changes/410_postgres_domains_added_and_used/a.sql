-- only: postgres
CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT);
