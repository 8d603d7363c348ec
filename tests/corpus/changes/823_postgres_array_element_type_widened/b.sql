-- dialect: postgres
-- integer[] to bigint[] and varchar(5)[] to text[]: assignment casts
-- exist element by element, rows and the default kept.
CREATE TABLE series (id integer PRIMARY KEY, points bigint[] NOT NULL DEFAULT '{}', labels text[]);
