-- only: postgres
CREATE TABLE regions (
	country char(2) NOT NULL,
	code varchar(4) NOT NULL,
	PRIMARY KEY (country, code)
);

CREATE TABLE offices (
	id integer PRIMARY KEY,
	country char(2),
	region varchar(4)
);
