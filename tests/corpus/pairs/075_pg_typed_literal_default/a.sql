-- dialect: postgres
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	starts DATE NOT NULL DEFAULT DATE '2020-01-01'
);
