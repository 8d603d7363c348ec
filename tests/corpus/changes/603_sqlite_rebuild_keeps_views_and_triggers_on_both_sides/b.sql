-- only: sqlite
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	owner VARCHAR(100) NOT NULL CHECK (owner <> ''),
	balance INTEGER NOT NULL DEFAULT 0,
	opened_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE ledger (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	amount INTEGER NOT NULL
);
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	note TEXT NOT NULL
);
CREATE VIEW rich AS SELECT id, owner FROM accounts WHERE balance > 1000;
CREATE VIEW rich_ledger AS SELECT l.id, r.owner, l.amount FROM ledger l JOIN rich r ON r.id = l.account_id;
CREATE TRIGGER ledger_applies AFTER INSERT ON ledger BEGIN
	UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
END;
CREATE TRIGGER accounts_audit AFTER UPDATE OF balance ON accounts WHEN NEW.balance < 0 BEGIN
	INSERT INTO audit (note) VALUES ('negative ' || NEW.owner);
END;
