-- Two new tables, the first with a foreign key on the second's unique
-- index alone, the second with one on its own: the keys are added after
-- both tables and the index.
CREATE TABLE settings (name varchar(40) PRIMARY KEY, value text);
CREATE TABLE comments (id integer PRIMARY KEY, reader_code varchar(12));
ALTER TABLE comments ADD CONSTRAINT comments_reader_fk FOREIGN KEY (reader_code)
  REFERENCES readers (code);
CREATE TABLE readers (id integer PRIMARY KEY, code varchar(12) NOT NULL,
  referrer_code varchar(12) REFERENCES readers (code));
CREATE UNIQUE INDEX readers_code_key ON readers (code);
