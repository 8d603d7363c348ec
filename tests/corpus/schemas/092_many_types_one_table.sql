-- Every portable type in one table.
CREATE TABLE everything (
	c_integer INTEGER PRIMARY KEY,
	c_smallint SMALLINT,
	c_bigint BIGINT,
	c_boolean BOOLEAN,
	c_real REAL,
	c_double DOUBLE PRECISION,
	c_numeric NUMERIC(10,3),
	c_decimal DECIMAL,
	c_varchar VARCHAR(25),
	c_char CHAR(4),
	c_text TEXT,
	c_date DATE,
	c_time TIME,
	c_timestamp TIMESTAMP,
	c_timestamptz TIMESTAMP WITH TIME ZONE,
	c_blob BLOB,
	c_json JSON,
	c_uuid UUID
);
