-- only: sqlite
CREATE TABLE bag (
	x ANY,
	y NVARCHAR(40)
);
