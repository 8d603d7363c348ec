-- DECIMAL, with and without parameters.
CREATE TABLE ledger (
	id INTEGER PRIMARY KEY,
	balance DECIMAL(14,2) NOT NULL,
	anything DECIMAL
);
