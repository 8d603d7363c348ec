-- dialect: postgres
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer PRIMARY KEY, feeling mood NOT NULL DEFAULT 'happy');
