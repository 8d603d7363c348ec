-- only: sqlite
-- An audit log kept by triggers of every timing, with WHEN clauses, an
-- INSTEAD OF trigger on a view, and views that join and aggregate.
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	balance INTEGER NOT NULL DEFAULT 0,
	closed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	account INTEGER,
	action TEXT NOT NULL,
	at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE VIEW open_accounts AS SELECT id, name, balance FROM accounts WHERE closed = 0;

CREATE VIEW audit_counts AS
	SELECT a.id, a.name, count(l.id) AS entries
	FROM accounts a LEFT JOIN audit l ON l.account = a.id
	GROUP BY a.id, a.name;

CREATE TRIGGER accounts_insert AFTER INSERT ON accounts
BEGIN
	INSERT INTO audit (account, action) VALUES (NEW.id, 'open');
END;

CREATE TRIGGER accounts_balance AFTER UPDATE OF balance ON accounts
	WHEN NEW.balance <> OLD.balance
BEGIN
	INSERT INTO audit (account, action) VALUES (NEW.id, 'balance ' || OLD.balance || ' -> ' || NEW.balance);
END;

CREATE TRIGGER accounts_no_negative BEFORE UPDATE ON accounts
	FOR EACH ROW WHEN NEW.balance < 0
BEGIN
	SELECT RAISE(ABORT, 'balance below zero');
END;

CREATE TRIGGER open_accounts_close INSTEAD OF DELETE ON open_accounts
BEGIN
	UPDATE accounts SET closed = 1 WHERE id = OLD.id;
END;
