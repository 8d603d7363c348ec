-- not-dialect: mysql (InnoDB refuses ON DELETE SET NULL on a NOT NULL column: errno 150)
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL,
	title VARCHAR(200) NOT NULL
);
