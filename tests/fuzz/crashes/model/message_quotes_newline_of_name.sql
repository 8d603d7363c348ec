CREATE TABLE t (id INTEGER) "two
lines";
