-- only: sqlite
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT (datetime('now')),
	updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
	epoch INTEGER DEFAULT (strftime('%s', 'now'))
);
