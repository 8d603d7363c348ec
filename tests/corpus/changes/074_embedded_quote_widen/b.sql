CREATE TABLE "say ""hi""" (
	id INTEGER PRIMARY KEY,
	"it""s" VARCHAR(20)
);
