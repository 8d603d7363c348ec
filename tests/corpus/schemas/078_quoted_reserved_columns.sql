-- Columns named SELECT, GROUP, FROM and WHERE, a unique constraint and
-- an index over them.
CREATE TABLE queries (
	id INTEGER PRIMARY KEY,
	"select" TEXT NOT NULL,
	"group" VARCHAR(20),
	"from" INTEGER,
	"where" INTEGER,
	UNIQUE ("group", "from")
);

CREATE INDEX ix_queries_where ON queries ("where");
