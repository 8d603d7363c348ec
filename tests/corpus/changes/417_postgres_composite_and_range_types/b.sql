-- only: postgres
-- A composite type gains an attribute; a range type of float8 with its
-- difference function is added and used by a new column.
CREATE TYPE point2 AS (x INTEGER, y INTEGER, z INTEGER);
CREATE TYPE float_span AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TABLE shapes (id INTEGER PRIMARY KEY, label TEXT, span float_span);
