-- only: postgres
-- Room booking: date and timestamp ranges, intervals, opening hours as
-- time with time zone, and checks that PostgreSQL stores rewritten
-- (BETWEEN, AT TIME ZONE, a range test).
CREATE TABLE buildings (
	id serial PRIMARY KEY,
	name varchar(80) NOT NULL,
	opens time with time zone NOT NULL DEFAULT '08:00:00+00',
	closes timetz NOT NULL DEFAULT '20:00:00+00'
);

CREATE TABLE rooms (
	id serial PRIMARY KEY,
	building_id integer NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
	label varchar(20) NOT NULL,
	capacity smallint NOT NULL CHECK (capacity BETWEEN 1 AND 500),
	min_slot interval NOT NULL DEFAULT '00:30:00'::interval,
	max_slot interval hour to minute,
	UNIQUE (building_id, label)
);

CREATE TABLE bookings (
	id bigserial PRIMARY KEY,
	room_id integer NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
	during tstzrange NOT NULL,
	booked_by text NOT NULL,
	created_at timestamp with time zone NOT NULL DEFAULT now(),
	CONSTRAINT bookings_not_empty CHECK (NOT isempty(during)),
	CONSTRAINT bookings_created_utc CHECK ((created_at AT TIME ZONE 'UTC') > '2000-01-01 00:00:00'::timestamp)
);

CREATE TABLE closures (
	id serial PRIMARY KEY,
	building_id integer NOT NULL REFERENCES buildings (id),
	days daterange NOT NULL,
	reason text
);

CREATE TABLE rates (
	room_id integer NOT NULL REFERENCES rooms (id),
	valid numrange NOT NULL,
	per_hour numeric(8,2) NOT NULL CHECK (per_hour > 0::numeric),
	long_stay int8range,
	PRIMARY KEY (room_id, valid)
);

CREATE INDEX ix_bookings_room ON bookings (room_id, created_at);
CREATE INDEX ix_closures_building ON closures (building_id) WHERE reason IS NOT NULL;
