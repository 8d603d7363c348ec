CREATE TABLE "order" (
	id INTEGER PRIMARY KEY,
	total INTEGER NOT NULL CHECK (total > 0),
	"select" VARCHAR(10)
);
