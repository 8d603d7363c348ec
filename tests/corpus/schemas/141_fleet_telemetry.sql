-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- Fleet tracking: vehicles, drivers, trips, GPS points keyed by vehicle
-- and time, maintenance records and fuel purchases.
CREATE TABLE vehicles (
	id INTEGER PRIMARY KEY,
	vin CHAR(17) NOT NULL UNIQUE,
	plate VARCHAR(12) NOT NULL,
	make VARCHAR(30),
	model VARCHAR(30),
	year SMALLINT,
	odometer_km INTEGER NOT NULL DEFAULT 0 CHECK (odometer_km >= 0),
	active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE drivers (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	licence_no VARCHAR(20) NOT NULL UNIQUE,
	licence_expires DATE
);

CREATE TABLE trips (
	id BIGINT PRIMARY KEY,
	vehicle_id INTEGER NOT NULL REFERENCES vehicles (id),
	driver_id INTEGER REFERENCES drivers (id) ON DELETE SET NULL,
	started_at TIMESTAMP NOT NULL,
	ended_at TIMESTAMP,
	distance_km REAL,
	CHECK (ended_at IS NULL OR ended_at > started_at)
);

CREATE TABLE positions (
	vehicle_id INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
	recorded_at TIMESTAMP NOT NULL,
	lat DOUBLE PRECISION NOT NULL CHECK (lat >= -90 AND lat <= 90),
	lon DOUBLE PRECISION NOT NULL CHECK (lon >= -180 AND lon <= 180),
	speed_kmh REAL,
	heading SMALLINT,
	PRIMARY KEY (vehicle_id, recorded_at)
);

CREATE TABLE maintenance (
	id INTEGER PRIMARY KEY,
	vehicle_id INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
	done_on DATE NOT NULL,
	kind VARCHAR(30) NOT NULL,
	cost NUMERIC(9,2),
	odometer_km INTEGER
);

CREATE TABLE fuel_purchases (
	id INTEGER PRIMARY KEY,
	vehicle_id INTEGER NOT NULL REFERENCES vehicles (id),
	driver_id INTEGER REFERENCES drivers (id),
	litres NUMERIC(6,2) NOT NULL CHECK (litres > 0),
	price_per_litre NUMERIC(5,3) NOT NULL,
	bought_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_trips_vehicle_start ON trips (vehicle_id, started_at DESC);
CREATE INDEX ix_trips_open ON trips (vehicle_id) WHERE ended_at IS NULL;
CREATE INDEX ix_maintenance_vehicle ON maintenance (vehicle_id, done_on);
CREATE UNIQUE INDEX ux_vehicles_plate ON vehicles (upper(plate));
