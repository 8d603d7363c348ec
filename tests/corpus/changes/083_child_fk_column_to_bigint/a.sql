-- not-dialect: mysql (InnoDB needs a foreign key and the key it references to have the same integer type: no BIGINT column referencing an INTEGER one)
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
	title VARCHAR(200) NOT NULL
);
