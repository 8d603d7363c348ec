-- only: sqlite
CREATE TABLE bag (
	x,
	y STRING
);
