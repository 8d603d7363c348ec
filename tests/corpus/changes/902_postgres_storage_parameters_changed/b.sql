-- dialect: postgres
-- Counters are updated in place: the table leaves more room in each page
-- (SET), vacuums again (RESET), and its index leaves room too (dropped and
-- made again).
CREATE TABLE counters (
	id integer PRIMARY KEY,
	name text NOT NULL,
	hits bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 70, toast_tuple_target = 4096);

CREATE INDEX counters_name ON counters (name) WITH (fillfactor = 80);
