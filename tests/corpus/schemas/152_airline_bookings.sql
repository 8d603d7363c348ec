-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- An airline: airports, aircraft types and tails, scheduled flights,
-- flight instances by date, passengers, bookings and their segments,
-- seat assignments.
CREATE TABLE airports (
	iata CHAR(3) PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	city VARCHAR(60) NOT NULL,
	country CHAR(2) NOT NULL
);

CREATE TABLE aircraft_types (
	code VARCHAR(4) PRIMARY KEY,
	model VARCHAR(40) NOT NULL,
	seats SMALLINT NOT NULL CHECK (seats > 0)
);

CREATE TABLE aircraft (
	registration VARCHAR(10) PRIMARY KEY,
	type_code VARCHAR(4) NOT NULL REFERENCES aircraft_types (code),
	in_service BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE routes (
	flight_no VARCHAR(7) PRIMARY KEY,
	origin CHAR(3) NOT NULL REFERENCES airports (iata),
	destination CHAR(3) NOT NULL REFERENCES airports (iata),
	departs TIME NOT NULL,
	duration_min SMALLINT NOT NULL,
	CHECK (origin <> destination)
);

CREATE TABLE flights (
	flight_no VARCHAR(7) NOT NULL REFERENCES routes (flight_no),
	flight_date DATE NOT NULL,
	registration VARCHAR(10) REFERENCES aircraft (registration),
	status VARCHAR(10) NOT NULL DEFAULT 'scheduled',
	PRIMARY KEY (flight_no, flight_date)
);

CREATE TABLE passengers (
	id BIGINT PRIMARY KEY,
	given_names VARCHAR(80) NOT NULL,
	surname VARCHAR(80) NOT NULL,
	passport VARCHAR(20),
	frequent_flyer VARCHAR(12) UNIQUE
);

CREATE TABLE bookings (
	locator CHAR(6) PRIMARY KEY,
	booked_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	contact_email VARCHAR(254) NOT NULL
);

CREATE TABLE segments (
	locator CHAR(6) NOT NULL REFERENCES bookings (locator) ON DELETE CASCADE,
	passenger_id BIGINT NOT NULL REFERENCES passengers (id),
	flight_no VARCHAR(7) NOT NULL,
	flight_date DATE NOT NULL,
	cabin CHAR(1) NOT NULL DEFAULT 'Y',
	seat VARCHAR(4),
	PRIMARY KEY (locator, passenger_id, flight_no, flight_date),
	FOREIGN KEY (flight_no, flight_date) REFERENCES flights (flight_no, flight_date)
);

CREATE UNIQUE INDEX ux_segments_seat ON segments (flight_no, flight_date, seat) WHERE seat IS NOT NULL;
CREATE INDEX ix_routes_origin ON routes (origin, departs);
CREATE INDEX ix_passengers_name ON passengers (surname, given_names);
