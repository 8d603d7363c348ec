-- only: postgres
CREATE TABLE stores (
	id integer PRIMARY KEY,
	name varchar(60) NOT NULL,
	opens time with time zone DEFAULT '09:00:00+00',
	closes timetz,
	slot interval NOT NULL DEFAULT '00:15:00'::interval,
	network inet,
	till_mac macaddr
);
