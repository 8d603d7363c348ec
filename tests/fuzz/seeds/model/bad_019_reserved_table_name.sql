-- ORDER is reserved: the table must be written "order".
CREATE TABLE order (
	id INTEGER PRIMARY KEY
);
