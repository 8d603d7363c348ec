-- not-dialect: mysql (InnoDB parses MATCH FULL/PARTIAL and ignores it)
-- MATCH FULL and MATCH SIMPLE, between tables and columns named after
-- reserved words.
CREATE TABLE "table" (
	"from" INTEGER PRIMARY KEY,
	"select" TEXT UNIQUE
);

CREATE TABLE "group" (
	id INTEGER PRIMARY KEY,
	"where" INTEGER,
	"user" TEXT,
	CONSTRAINT "check" FOREIGN KEY ("where") REFERENCES "table" ("from") MATCH FULL,
	FOREIGN KEY ("user") REFERENCES "table" ("select") MATCH SIMPLE ON DELETE CASCADE
);
