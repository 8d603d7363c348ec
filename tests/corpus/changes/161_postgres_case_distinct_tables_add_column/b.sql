-- only: postgres
CREATE TABLE "Users" (
	"Id" integer PRIMARY KEY,
	"Name" text NOT NULL,
	"Email" varchar(120)
);

CREATE TABLE users (
	id integer PRIMARY KEY,
	name text NOT NULL
);
