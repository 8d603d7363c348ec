-- dialect: postgres
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	starts DATE NOT NULL DEFAULT DATE '2021-06-30'
);
