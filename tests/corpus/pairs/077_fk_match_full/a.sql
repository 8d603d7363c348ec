-- not-dialect: mysql (InnoDB parses MATCH FULL/PARTIAL and ignores it)
CREATE TABLE regions (
	country CHAR(2),
	code VARCHAR(10),
	PRIMARY KEY (country, code)
);

CREATE TABLE offices (
	id INTEGER PRIMARY KEY,
	country CHAR(2),
	region VARCHAR(10),
	FOREIGN KEY (country, region) REFERENCES regions (country, code)
);
