-- only: postgres
CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100),
	email VARCHAR(100),
	status VARCHAR(20) NOT NULL,
	dept_id INTEGER,
	grade INTEGER
);
CREATE TABLE depts (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100),
	head_id INTEGER
);
