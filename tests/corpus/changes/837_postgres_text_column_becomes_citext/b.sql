-- dialect: postgres
-- The extension comes first, then the column takes its case-insensitive
-- type; its unique key follows it.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE users (id integer PRIMARY KEY, email citext NOT NULL UNIQUE);
