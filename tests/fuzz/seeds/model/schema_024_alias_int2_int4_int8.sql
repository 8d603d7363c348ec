-- PostgreSQL's short integer names: INT2, INT4, INT8, and INT.
CREATE TABLE metrics (
	id INT4 PRIMARY KEY,
	small INT2,
	big INT8 NOT NULL,
	plain INT
);
