CREATE TABLE regions (
	code VARCHAR(2) NOT NULL,
	num INTEGER NOT NULL,
	name VARCHAR(40),
	PRIMARY KEY (code, num)
);

CREATE TABLE shops (
	id INTEGER PRIMARY KEY,
	region_code VARCHAR(2),
	region_num INTEGER,
	FOREIGN KEY (region_code, region_num) REFERENCES regions (code, num) ON DELETE CASCADE
);
