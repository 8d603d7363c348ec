-- Decimal defaults on NUMERIC columns, and a string default on a date.
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	balance NUMERIC(12,2) NOT NULL DEFAULT 0,
	fee NUMERIC(6,2) DEFAULT 1.50,
	opened DATE DEFAULT '2020-01-01'
);
