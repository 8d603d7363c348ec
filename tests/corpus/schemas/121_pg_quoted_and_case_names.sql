-- only: postgres
-- Names that differ only in case, reserved words as table and column
-- names, and constraint names that need quoting.
CREATE TABLE "User" (
	"ID" integer PRIMARY KEY,
	"Name" text NOT NULL,
	name text,
	"order" integer,
	"end" date
);

CREATE TABLE "user" (
	id integer PRIMARY KEY,
	"User" integer REFERENCES "User" ("ID"),
	"select" text,
	"group" text
);

CREATE TABLE "Order Item" (
	"order" integer NOT NULL,
	"line" integer NOT NULL,
	"Qty" integer NOT NULL CONSTRAINT "Qty > 0" CHECK ("Qty" > 0),
	CONSTRAINT "Order Item PK" PRIMARY KEY ("order", "line"),
	CONSTRAINT "Order→User" FOREIGN KEY ("order") REFERENCES "User" ("ID") ON DELETE CASCADE
);

CREATE INDEX "IX User Name" ON "User" ("Name");
CREATE INDEX ix_user_name ON "User" (name);
CREATE UNIQUE INDEX "ux_user_select" ON "user" ("select", "group");
