-- The foreign key is declared before the unique index it rests on, which
-- this same change adds: the index comes first, and the downgrade drops
-- the key before it.
CREATE TABLE posts (id integer PRIMARY KEY, author_id integer);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id)
  REFERENCES authors (id);
CREATE TABLE authors (id integer NOT NULL, name varchar(40));
CREATE UNIQUE INDEX authors_id_key ON authors (id);
