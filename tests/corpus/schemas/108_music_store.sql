-- A music store shaped like the classic sample: artists, albums, tracks,
-- media types and genres, playlists, customers, employees who report to
-- one another, invoices and their lines.
CREATE TABLE artist (
	artist_id INTEGER PRIMARY KEY,
	name VARCHAR(120)
);

CREATE TABLE album (
	album_id INTEGER PRIMARY KEY,
	title VARCHAR(160) NOT NULL,
	artist_id INTEGER NOT NULL REFERENCES artist (artist_id)
);

CREATE TABLE genre (
	genre_id INTEGER PRIMARY KEY,
	name VARCHAR(120)
);

CREATE TABLE media_type (
	media_type_id INTEGER PRIMARY KEY,
	name VARCHAR(120)
);

CREATE TABLE track (
	track_id INTEGER PRIMARY KEY,
	name VARCHAR(200) NOT NULL,
	album_id INTEGER REFERENCES album (album_id),
	media_type_id INTEGER NOT NULL REFERENCES media_type (media_type_id),
	genre_id INTEGER REFERENCES genre (genre_id),
	composer VARCHAR(220),
	milliseconds INTEGER NOT NULL,
	bytes INTEGER,
	unit_price NUMERIC(10,2) NOT NULL
);

CREATE TABLE playlist (
	playlist_id INTEGER PRIMARY KEY,
	name VARCHAR(120)
);

CREATE TABLE playlist_track (
	playlist_id INTEGER NOT NULL REFERENCES playlist (playlist_id),
	track_id INTEGER NOT NULL REFERENCES track (track_id),
	CONSTRAINT pk_playlist_track PRIMARY KEY (playlist_id, track_id)
);

CREATE TABLE employee (
	employee_id INTEGER PRIMARY KEY,
	last_name VARCHAR(20) NOT NULL,
	first_name VARCHAR(20) NOT NULL,
	title VARCHAR(30),
	reports_to INTEGER REFERENCES employee (employee_id),
	birth_date TIMESTAMP,
	hire_date TIMESTAMP,
	email VARCHAR(60)
);

CREATE TABLE customer (
	customer_id INTEGER PRIMARY KEY,
	first_name VARCHAR(40) NOT NULL,
	last_name VARCHAR(20) NOT NULL,
	company VARCHAR(80),
	country VARCHAR(40),
	email VARCHAR(60) NOT NULL,
	support_rep_id INTEGER REFERENCES employee (employee_id)
);

CREATE TABLE invoice (
	invoice_id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customer (customer_id),
	invoice_date TIMESTAMP NOT NULL,
	billing_country VARCHAR(40),
	total NUMERIC(10,2) NOT NULL
);

CREATE TABLE invoice_line (
	invoice_line_id INTEGER PRIMARY KEY,
	invoice_id INTEGER NOT NULL REFERENCES invoice (invoice_id),
	track_id INTEGER NOT NULL REFERENCES track (track_id),
	unit_price NUMERIC(10,2) NOT NULL,
	quantity INTEGER NOT NULL
);

CREATE INDEX ifk_album_artist_id ON album (artist_id);
CREATE INDEX ifk_track_album_id ON track (album_id);
CREATE INDEX ifk_track_genre_id ON track (genre_id);
CREATE INDEX ifk_track_media_type_id ON track (media_type_id);
CREATE INDEX ifk_playlist_track_track_id ON playlist_track (track_id);
CREATE INDEX ifk_employee_reports_to ON employee (reports_to);
CREATE INDEX ifk_customer_support_rep_id ON customer (support_rep_id);
CREATE INDEX ifk_invoice_customer_id ON invoice (customer_id);
CREATE INDEX ifk_invoice_line_invoice_id ON invoice_line (invoice_id);
CREATE INDEX ifk_invoice_line_track_id ON invoice_line (track_id);
