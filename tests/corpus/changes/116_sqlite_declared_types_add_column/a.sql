-- only: sqlite
CREATE TABLE items (
	id INT PRIMARY KEY,
	made DATETIME,
	price DECIMAL(12),
	label NVARCHAR(40) NOT NULL,
	anything,
	whatever ANY,
	name STRING,
	doc JSONB
);
