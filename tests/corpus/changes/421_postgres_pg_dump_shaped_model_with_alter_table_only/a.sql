-- only: postgres
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
