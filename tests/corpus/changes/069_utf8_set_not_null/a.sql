CREATE TABLE "café" (
	id INTEGER PRIMARY KEY,
	"crème" TEXT
);
