-- dialect: postgres
-- A model written as a migration history: tables created bare, then
-- changed by ALTER TABLE statements of many kinds.
CREATE TABLE authors (id integer);
CREATE TABLE books (id integer, title varchar(50));
ALTER TABLE authors ADD COLUMN name text;
ALTER TABLE authors ADD PRIMARY KEY (id);
ALTER TABLE authors ALTER COLUMN name SET NOT NULL;
ALTER TABLE books ADD CONSTRAINT books_pkey PRIMARY KEY (id);
ALTER TABLE books ADD COLUMN author_id integer;
ALTER TABLE books ADD CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE SET NULL;
ALTER TABLE books ALTER COLUMN title SET DEFAULT 'untitled';
ALTER TABLE books ADD COLUMN isbn text;
ALTER TABLE books ADD CONSTRAINT books_isbn_key UNIQUE (isbn);
ALTER TABLE books RENAME COLUMN isbn TO isbn13;
ALTER TABLE books ADD CONSTRAINT books_isbn13_len CHECK (length(isbn13) = 13);
ALTER TABLE books ADD COLUMN published date;
ALTER TABLE books DROP COLUMN published;
CREATE INDEX books_title_idx ON books (title);
ALTER TABLE authors RENAME TO writers;
