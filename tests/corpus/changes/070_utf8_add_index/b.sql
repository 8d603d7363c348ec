CREATE TABLE "café" (
	id INTEGER PRIMARY KEY,
	"crème" TEXT
);
CREATE INDEX "idx_crème" ON "café" ("crème");
