SELECT id, code FROM events ORDER BY id
SELECT id, substr(CAST(starts AS TEXT), 1, 19), substr(CAST(day AS TEXT), 1, 10), CAST(amount AS NUMERIC(10,2)) FROM events ORDER BY id
