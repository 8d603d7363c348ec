-- only: postgres
-- A cache that need not survive a crash: UNLOGGED (SET UNLOGGED, and
-- SET LOGGED on the way back), rows kept.
CREATE UNLOGGED TABLE page_cache (
	path TEXT PRIMARY KEY,
	body TEXT NOT NULL,
	hits INTEGER NOT NULL DEFAULT 0
);
