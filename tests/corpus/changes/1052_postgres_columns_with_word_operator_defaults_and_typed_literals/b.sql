-- dialect: postgres
-- New columns whose defaults use AT TIME ZONE, IS NOT DISTINCT FROM and
-- CASE without parentheses, typed literals of types of several words and
-- an interval literal with its field;
-- an index on a key with AT TIME ZONE, and one built CONCURRENTLY.
CREATE TABLE readings (
	id integer PRIMARY KEY,
	sensor text NOT NULL,
	taken_at timestamp NOT NULL,
	stored_at timestamp NOT NULL DEFAULT now() AT TIME ZONE 'utc',
	scale double precision NOT NULL DEFAULT double precision '1.0',
	unit character varying(8) DEFAULT character varying 'C',
	calibrated boolean DEFAULT 1 IS NOT DISTINCT FROM 1,
	tier integer NOT NULL DEFAULT CASE WHEN 1 > 0 THEN 1 ELSE 2 END,
	keep_for interval NOT NULL DEFAULT interval '90' day
);

CREATE INDEX readings_day ON readings (taken_at AT TIME ZONE 'utc');
CREATE INDEX CONCURRENTLY readings_sensor ON readings USING btree (sensor) INCLUDE (taken_at);
