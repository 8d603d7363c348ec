-- Names with spaces, a foreign key and an index between them.
CREATE TABLE "order lines" (
	"line id" INTEGER PRIMARY KEY,
	"product name" VARCHAR(80) NOT NULL
);

CREATE TABLE "line notes" (
	id INTEGER PRIMARY KEY,
	"line id" INTEGER NOT NULL REFERENCES "order lines" ("line id"),
	"note text" TEXT
);

CREATE INDEX "ix line notes" ON "line notes" ("line id");
