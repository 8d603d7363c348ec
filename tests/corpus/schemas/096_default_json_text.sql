-- String defaults on JSON and TEXT columns.
CREATE TABLE widgets (
	id INTEGER PRIMARY KEY,
	options JSON NOT NULL DEFAULT '{}',
	kind TEXT NOT NULL DEFAULT 'plain'
);
