/* A model with comments everywhere: block comments, /* nested */ ones,
   and line comments between and inside statements. */
-- The library's shelves.
CREATE TABLE shelves ( -- a comment after the parenthesis
	id INTEGER /* inline */ PRIMARY KEY,
	-- a comment line between columns
	label VARCHAR(20) NOT NULL, -- trailing comment
	capacity INTEGER DEFAULT /* before the value */ 50
);
/* between statements */
CREATE INDEX ix_shelves_label -- the name
	ON shelves (label);
-- the end
