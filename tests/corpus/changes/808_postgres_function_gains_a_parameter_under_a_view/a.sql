-- dialect: postgres
CREATE FUNCTION valid_code(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(c) = 3 $$;
CREATE TABLE airports (id integer PRIMARY KEY, code text NOT NULL);
CREATE VIEW airport_codes AS SELECT id, valid_code(code) AS ok FROM airports;
