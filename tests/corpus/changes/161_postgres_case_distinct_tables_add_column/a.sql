-- only: postgres
CREATE TABLE "Users" (
	"Id" integer PRIMARY KEY,
	"Name" text NOT NULL
);

CREATE TABLE users (
	id integer PRIMARY KEY,
	name text NOT NULL
);
