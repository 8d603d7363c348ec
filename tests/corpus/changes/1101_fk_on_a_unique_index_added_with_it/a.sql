CREATE TABLE posts (id integer PRIMARY KEY, author_id integer);
CREATE TABLE authors (id integer NOT NULL, name varchar(40));
