-- dialect: postgres
CREATE TABLE bookings (
	id integer PRIMARY KEY,
	during tstzrange NOT NULL,
	cancelled boolean NOT NULL DEFAULT false,
	CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&)
);
