CREATE TABLE "order" (
	id INTEGER PRIMARY KEY,
	total INTEGER NOT NULL,
	"select" VARCHAR(10)
);
CREATE INDEX "group" ON "order" ("select", total DESC);
