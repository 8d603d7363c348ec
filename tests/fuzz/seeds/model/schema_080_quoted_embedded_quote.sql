-- A double quote inside a quoted name.
CREATE TABLE "say ""hi""" (
	id INTEGER PRIMARY KEY,
	"the ""word""" VARCHAR(20) NOT NULL
);
