-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A gym chain: clubs, membership plans, members and their contracts,
-- classes with instructors, class sessions, bookings and door check-ins.
CREATE TABLE clubs (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(60) NOT NULL UNIQUE,
	opens TIME NOT NULL DEFAULT '06:00:00',
	closes TIME NOT NULL DEFAULT '22:00:00'
);

CREATE TABLE plans (
	code VARCHAR(10) PRIMARY KEY,
	name VARCHAR(40) NOT NULL,
	monthly_fee NUMERIC(6,2) NOT NULL,
	all_clubs BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE gym_members (
	id INTEGER PRIMARY KEY,
	card_no VARCHAR(12) NOT NULL UNIQUE,
	name VARCHAR(80) NOT NULL,
	born DATE,
	home_club SMALLINT NOT NULL REFERENCES clubs (id)
);

CREATE TABLE contracts (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES gym_members (id) ON DELETE CASCADE,
	plan_code VARCHAR(10) NOT NULL REFERENCES plans (code) ON UPDATE CASCADE,
	starts_on DATE NOT NULL,
	ends_on DATE,
	frozen BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE class_types (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(40) NOT NULL UNIQUE,
	minutes SMALLINT NOT NULL DEFAULT 60
);

CREATE TABLE class_sessions (
	id INTEGER PRIMARY KEY,
	club_id SMALLINT NOT NULL REFERENCES clubs (id),
	class_type_id SMALLINT NOT NULL REFERENCES class_types (id),
	instructor VARCHAR(60),
	starts_at TIMESTAMP NOT NULL,
	capacity SMALLINT NOT NULL CHECK (capacity > 0)
);

CREATE TABLE class_bookings (
	session_id INTEGER NOT NULL REFERENCES class_sessions (id) ON DELETE CASCADE,
	member_id INTEGER NOT NULL REFERENCES gym_members (id) ON DELETE CASCADE,
	booked_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	attended BOOLEAN,
	PRIMARY KEY (session_id, member_id)
);

CREATE TABLE check_ins (
	member_id INTEGER NOT NULL REFERENCES gym_members (id) ON DELETE CASCADE,
	club_id SMALLINT NOT NULL REFERENCES clubs (id),
	at TIMESTAMP NOT NULL,
	PRIMARY KEY (member_id, at)
);

CREATE INDEX ix_class_sessions_club_start ON class_sessions (club_id, starts_at);
CREATE INDEX ix_check_ins_club_at ON check_ins (club_id, at DESC);
CREATE INDEX ix_contracts_active ON contracts (member_id) WHERE ends_on IS NULL;
