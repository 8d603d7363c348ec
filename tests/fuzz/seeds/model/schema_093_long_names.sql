-- Names of 63 bytes, the longest PostgreSQL keeps: generated constraint
-- and index names are cut to fit.
CREATE TABLE a_table_name_that_is_exactly_sixty_three_bytes_long_xxxxxxxxxx (
	id INTEGER PRIMARY KEY,
	a_column_name_that_is_exactly_sixty_three_bytes_long_yyyyyyyyy INTEGER UNIQUE
);

CREATE INDEX ON a_table_name_that_is_exactly_sixty_three_bytes_long_xxxxxxxxxx (a_column_name_that_is_exactly_sixty_three_bytes_long_yyyyyyyyy);
