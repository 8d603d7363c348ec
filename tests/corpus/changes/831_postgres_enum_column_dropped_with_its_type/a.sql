-- dialect: postgres
CREATE TYPE size AS ENUM ('s', 'm', 'l');
CREATE TABLE shirts (id integer PRIMARY KEY, size size DEFAULT 'm', color text);
CREATE INDEX shirts_size_idx ON shirts (size);
