-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A clinic: practitioners, patients, rooms, appointments that may not
-- end before they start, prescriptions and a medication list.
CREATE TABLE practitioners (
	id INTEGER PRIMARY KEY,
	licence VARCHAR(20) NOT NULL UNIQUE,
	name VARCHAR(100) NOT NULL,
	speciality VARCHAR(40)
);

CREATE TABLE patients (
	id INTEGER PRIMARY KEY,
	mrn VARCHAR(16) NOT NULL,
	family_name VARCHAR(60) NOT NULL,
	given_name VARCHAR(60),
	birth_date DATE NOT NULL,
	deceased BOOLEAN NOT NULL DEFAULT FALSE,
	CONSTRAINT uq_patients_mrn UNIQUE (mrn)
);

CREATE TABLE rooms (
	id INTEGER PRIMARY KEY,
	label VARCHAR(12) NOT NULL UNIQUE
);

CREATE TABLE appointments (
	id INTEGER PRIMARY KEY,
	patient_id INTEGER NOT NULL REFERENCES patients (id),
	practitioner_id INTEGER NOT NULL REFERENCES practitioners (id),
	room_id INTEGER REFERENCES rooms (id) ON DELETE SET NULL,
	starts_at TIMESTAMP NOT NULL,
	ends_at TIMESTAMP NOT NULL,
	cancelled BOOLEAN NOT NULL DEFAULT FALSE,
	notes TEXT,
	CONSTRAINT ck_appointments_order CHECK (ends_at > starts_at)
);

CREATE TABLE medications (
	code VARCHAR(12) PRIMARY KEY,
	name VARCHAR(120) NOT NULL,
	controlled BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE prescriptions (
	id INTEGER PRIMARY KEY,
	appointment_id INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
	medication_code VARCHAR(12) NOT NULL REFERENCES medications (code),
	dose_mg NUMERIC(7,2) NOT NULL CHECK (dose_mg > 0),
	per_day SMALLINT NOT NULL DEFAULT 1,
	days SMALLINT
);

CREATE INDEX ix_appointments_practitioner_start ON appointments (practitioner_id, starts_at);
CREATE INDEX ix_appointments_patient ON appointments (patient_id);
CREATE INDEX ix_appointments_active ON appointments (starts_at) WHERE cancelled = FALSE;
CREATE INDEX ix_patients_name ON patients (lower(family_name), given_name);
