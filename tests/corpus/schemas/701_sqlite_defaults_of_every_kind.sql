-- only: sqlite
-- Column defaults as SQLite takes them: numbers of every spelling,
-- strings with quotes, blobs, the current-time keywords, expressions in
-- parentheses, booleans, and columns without a type.
CREATE TABLE settings (
	id INTEGER PRIMARY KEY,
	retries INTEGER DEFAULT 3,
	backoff REAL DEFAULT 1.5e2,
	offset_x INTEGER DEFAULT -7,
	mask INTEGER DEFAULT 0xFF,
	ratio NUMERIC DEFAULT .25,
	greeting TEXT DEFAULT 'it''s on',
	empty TEXT DEFAULT '',
	magic BLOB DEFAULT X'CAFE',
	created_at TEXT DEFAULT CURRENT_TIMESTAMP,
	created_on TEXT DEFAULT CURRENT_DATE,
	created_time TEXT DEFAULT CURRENT_TIME,
	touched TEXT DEFAULT (datetime('now', 'localtime')),
	expires TEXT DEFAULT (date('now', '+30 days')),
	token TEXT DEFAULT (lower(hex(randomblob(8)))),
	enabled BOOLEAN DEFAULT TRUE,
	hidden BOOLEAN DEFAULT FALSE,
	note TEXT DEFAULT NULL,
	anything DEFAULT 42,
	nothing
);
