-- only: postgres
-- PostgreSQL's own types, each stored as format_type() prints it.
CREATE TABLE hosts (
	id SERIAL PRIMARY KEY,
	doc JSONB NOT NULL DEFAULT '{}',
	tags text[],
	grid integer[][],
	slots int[3],
	addr inet,
	net cidr,
	mac macaddr,
	price money,
	words tsvector,
	span int4range,
	during tstzrange,
	amounts numrange,
	flags bit varying(5),
	bits bit(3),
	onebit bit,
	manifest xml,
	wait interval,
	precise interval day to second(3),
	yearly interval year,
	opens time with time zone,
	closes timetz(3),
	names character varying(20)[]
);
CREATE INDEX ix_hosts_addr ON hosts (addr);
