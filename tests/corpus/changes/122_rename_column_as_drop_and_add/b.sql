CREATE TABLE customers (
	id INTEGER PRIMARY KEY,
	display_name VARCHAR(100),
	phone VARCHAR(20)
);
