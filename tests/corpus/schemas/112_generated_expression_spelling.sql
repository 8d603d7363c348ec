-- Generated columns whose expressions PostgreSQL stores in another form
-- (BETWEEN as two comparisons, a CASE over lines, casts spelled its way):
-- the scratch database must find them equal to the model's spelling.
CREATE TABLE stock (
	id INTEGER PRIMARY KEY,
	qty INTEGER,
	band INTEGER GENERATED ALWAYS AS (CASE WHEN qty BETWEEN 1 AND 5 THEN 1 ELSE 0 END) STORED,
	tag TEXT GENERATED ALWAYS AS (CAST(qty AS VARCHAR(10)) || 'x') STORED
);
