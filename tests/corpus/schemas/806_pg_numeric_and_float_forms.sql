-- dialect: postgres
-- numeric without and with precision and scale, float(p) that PostgreSQL
-- maps to real or double precision, money, and defaults with exponents
-- and signs.
CREATE TABLE measures (
	id integer PRIMARY KEY,
	a numeric,
	b numeric(10),
	c numeric(10, 2) DEFAULT 0.00,
	e float(24),
	f float(25),
	g float4 DEFAULT -1.5e-3,
	h float8 DEFAULT 'NaN',
	i real DEFAULT '-Infinity',
	j money DEFAULT 0,
	k decimal(38, 38)
);
