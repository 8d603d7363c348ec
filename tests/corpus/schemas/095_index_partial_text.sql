-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A partial index comparing a TEXT column with a string.
CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	status TEXT NOT NULL DEFAULT 'open',
	due DATE
);

CREATE INDEX ix_tasks_open_due ON tasks (due) WHERE status = 'open';
