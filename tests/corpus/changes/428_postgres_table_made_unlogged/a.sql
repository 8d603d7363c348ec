-- only: postgres
CREATE TABLE page_cache (
	path TEXT PRIMARY KEY,
	body TEXT NOT NULL,
	hits INTEGER NOT NULL DEFAULT 0
);
