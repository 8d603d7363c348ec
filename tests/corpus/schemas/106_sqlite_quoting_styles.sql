-- Names quoted as SQLite also allows: [brackets], `backticks` (`` for one)
-- and 'single quotes'; they read as "double quotes" do.
CREATE TABLE [Order Lines] (
	[id] INTEGER PRIMARY KEY,
	`qty` INTEGER NOT NULL DEFAULT 1,
	'note' TEXT,
	`odd``name` TEXT
);

CREATE TABLE 'products' (
	id INTEGER PRIMARY KEY,
	line_id INTEGER REFERENCES [Order Lines] ([id])
);

CREATE INDEX [ix products line] ON `products` (`line_id`);
