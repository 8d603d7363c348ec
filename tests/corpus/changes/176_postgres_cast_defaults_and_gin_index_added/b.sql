-- only: postgres
-- Defaults whose casts carry meaning, and indexes of other methods and
-- NULLS order, added to a table that has rows.
CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	title TEXT,
	tags TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
	due DATE DEFAULT (CURRENT_DATE + '30 days'::interval),
	slot INTERVAL DEFAULT '01:30:00'::interval hour to minute,
	flags BIT(3) DEFAULT B'101'::"bit"
);
CREATE INDEX tasks_tags ON tasks USING gin (tags);
CREATE INDEX tasks_title ON tasks (title DESC NULLS LAST);
