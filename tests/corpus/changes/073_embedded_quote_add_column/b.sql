CREATE TABLE "say ""hi""" (
	id INTEGER PRIMARY KEY,
	"it""s" VARCHAR(10),
	"a ""b"" c" INTEGER
);
