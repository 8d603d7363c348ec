-- FLOAT is DOUBLE PRECISION; FLOAT(p) with p up to 24 is REAL.
CREATE TABLE measurements (
	id INTEGER PRIMARY KEY,
	coarse FLOAT(10),
	fine FLOAT,
	exact FLOAT(53)
);
