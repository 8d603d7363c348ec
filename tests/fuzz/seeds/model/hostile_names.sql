-- Names that must stay names: quotes, semicolons, comment markers, blanks,
-- UTF-8 and reserved words, in tables, columns, constraints and indexes.
CREATE TABLE "a""; DROP TABLE x; --" (
	"select" INTEGER PRIMARY KEY,
	"/* not a comment */" VARCHAR(10) DEFAULT 'it''s; -- fine' NOT NULL,
	"naïve café" TEXT CONSTRAINT "check; --" CHECK ("naïve café" <> ''),
	"$1" BIGINT UNIQUE
);

CREATE TABLE "user" (
	"order" INTEGER NOT NULL,
	"group" SMALLINT,
	CONSTRAINT "pk ""user""" PRIMARY KEY ("order"),
	CONSTRAINT "fk; to a" FOREIGN KEY ("group") REFERENCES "a""; DROP TABLE x; --" ("select") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "ix ""u""; --" ON "user" ("group" DESC) WHERE "order" > 0;
CREATE INDEX "ïx" ON "a""; DROP TABLE x; --" (lower("naïve café"));
