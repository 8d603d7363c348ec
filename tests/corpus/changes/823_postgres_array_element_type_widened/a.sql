-- dialect: postgres
CREATE TABLE series (id integer PRIMARY KEY, points integer[] NOT NULL DEFAULT '{}', labels varchar(5)[]);
