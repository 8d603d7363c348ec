CREATE TABLE customers (
	id INTEGER PRIMARY KEY,
	fullname VARCHAR(100),
	phone VARCHAR(20)
);
