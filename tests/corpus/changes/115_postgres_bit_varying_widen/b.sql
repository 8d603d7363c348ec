-- only: postgres
CREATE TABLE masks (
	id INTEGER PRIMARY KEY,
	m bit varying(10),
	w interval(2)
);
