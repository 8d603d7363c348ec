-- dialect: postgres
-- Columns with built-in and ICU collations, quoted as pg_dump writes
-- them, and an index key with a collation of its own.
CREATE TABLE words (
	id integer PRIMARY KEY,
	word text COLLATE "und-x-icu" NOT NULL,
	bytes text COLLATE "C",
	posix varchar(20) COLLATE "POSIX" DEFAULT 'x'
);
CREATE INDEX words_bytes_idx ON words (bytes COLLATE "POSIX");
