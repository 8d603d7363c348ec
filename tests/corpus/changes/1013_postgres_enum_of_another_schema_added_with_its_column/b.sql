-- dialect: postgres
CREATE SCHEMA "Lang";

CREATE TYPE "Lang".code AS ENUM ('en', 'ja');

CREATE TABLE "Lang".labels (
	id integer PRIMARY KEY,
	code "Lang".code NOT NULL
);

CREATE TABLE notes (
	id integer PRIMARY KEY,
	code "Lang".code
);
