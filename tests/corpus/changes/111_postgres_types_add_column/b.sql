-- only: postgres
CREATE TABLE hosts (
	id INTEGER PRIMARY KEY,
	doc JSONB NOT NULL DEFAULT '{}',
	tags text[],
	grid integer[][],
	addr inet,
	net cidr,
	mac macaddr,
	price money,
	words tsvector,
	span int4range,
	during tstzrange,
	flags bit varying(5),
	bits bit(3),
	manifest xml,
	wait interval,
	precise interval day to second(3),
	opens time with time zone,
	note text
);
