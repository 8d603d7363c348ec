-- only: postgres
-- A composite foreign key with MATCH FULL and both actions, operator
-- classes beside DESC in index keys, and reserved words as quoted names.
CREATE TABLE "schema" (
	"catalog" varchar(30) NOT NULL,
	"name" varchar(30) NOT NULL,
	"default" boolean NOT NULL DEFAULT false,
	PRIMARY KEY ("catalog", "name")
);

CREATE TABLE "column" (
	id integer PRIMARY KEY,
	"catalog" varchar(30),
	"schema" varchar(30),
	"table" varchar(63) NOT NULL,
	"column" varchar(63) NOT NULL,
	"position" smallint,
	CONSTRAINT "column_schema_fkey" FOREIGN KEY ("catalog", "schema") REFERENCES "schema" ("catalog", "name") MATCH FULL ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "ix column position" ON "column" ("position");
CREATE INDEX ix_column_table ON "column" ("table" varchar_pattern_ops, "column" DESC);
CREATE UNIQUE INDEX ux_column_name ON "column" ("catalog", "schema", "table", "column");
