-- only: postgres
CREATE TABLE masks (
	id INTEGER PRIMARY KEY,
	m bit varying(5),
	w interval
);
