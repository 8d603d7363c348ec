-- only: sqlite
-- A catalogue written by hand with every quoting style SQLite accepts,
-- names that differ only by case as SQLite folds them, and an index on an
-- expression of a bracketed column.
CREATE TABLE `Product Group` (
	`id` INTEGER PRIMARY KEY,
	[Display Name] TEXT NOT NULL,
	"sort" INTEGER DEFAULT 0
);
CREATE TABLE [Product] (
	[Id] INTEGER PRIMARY KEY,
	`group_id` INTEGER REFERENCES `Product Group` (`id`) ON DELETE SET NULL,
	"Title" TEXT NOT NULL,
	[Price] NUMERIC(8,2) NOT NULL DEFAULT 0,
	`in stock` BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE "Tag" (
	"name" TEXT PRIMARY KEY,
	[colour] TEXT
);
CREATE TABLE [Product Tag] (
	[product] INTEGER NOT NULL REFERENCES [Product] ([Id]) ON DELETE CASCADE,
	`tag` TEXT NOT NULL REFERENCES "Tag" ("name") ON UPDATE CASCADE,
	PRIMARY KEY ([product], `tag`)
);
CREATE INDEX `ix product title` ON [Product] (lower([Title]));
CREATE INDEX [ix product group] ON `Product` (`group_id`, [Price] DESC);
