-- Non-ASCII names.
CREATE TABLE "café" (
	id INTEGER PRIMARY KEY,
	"crème" VARCHAR(30) NOT NULL,
	"prix€" NUMERIC(6,2)
);

CREATE INDEX "ix_café_crème" ON "café" ("crème");
