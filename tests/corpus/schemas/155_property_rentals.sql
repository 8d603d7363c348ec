-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- Property management: owners, buildings, units, tenants, leases that
-- cannot overlap in time per unit (checked by the application), rent
-- charges and payments, maintenance requests.
CREATE TABLE owners (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	email VARCHAR(254)
);

CREATE TABLE buildings (
	id INTEGER PRIMARY KEY,
	owner_id INTEGER NOT NULL REFERENCES owners (id),
	street VARCHAR(120) NOT NULL,
	city VARCHAR(60) NOT NULL,
	built_year SMALLINT
);

CREATE TABLE units (
	building_id INTEGER NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
	unit_no VARCHAR(6) NOT NULL,
	bedrooms SMALLINT NOT NULL DEFAULT 1,
	area_m2 NUMERIC(6,1),
	PRIMARY KEY (building_id, unit_no)
);

CREATE TABLE tenants (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	phone VARCHAR(20),
	email VARCHAR(254)
);

CREATE TABLE leases (
	id INTEGER PRIMARY KEY,
	building_id INTEGER NOT NULL,
	unit_no VARCHAR(6) NOT NULL,
	tenant_id INTEGER NOT NULL REFERENCES tenants (id),
	starts_on DATE NOT NULL,
	ends_on DATE,
	monthly_rent NUMERIC(8,2) NOT NULL,
	deposit NUMERIC(8,2) NOT NULL DEFAULT 0,
	FOREIGN KEY (building_id, unit_no) REFERENCES units (building_id, unit_no),
	CHECK (ends_on IS NULL OR ends_on > starts_on)
);

CREATE TABLE charges (
	id INTEGER PRIMARY KEY,
	lease_id INTEGER NOT NULL REFERENCES leases (id) ON DELETE CASCADE,
	due_on DATE NOT NULL,
	amount NUMERIC(8,2) NOT NULL,
	kind VARCHAR(10) NOT NULL DEFAULT 'rent'
);

CREATE TABLE payments (
	id INTEGER PRIMARY KEY,
	charge_id INTEGER NOT NULL REFERENCES charges (id),
	paid_on DATE NOT NULL,
	amount NUMERIC(8,2) NOT NULL CHECK (amount > 0),
	method VARCHAR(10)
);

CREATE TABLE repair_requests (
	id INTEGER PRIMARY KEY,
	building_id INTEGER NOT NULL,
	unit_no VARCHAR(6),
	reported_by INTEGER REFERENCES tenants (id) ON DELETE SET NULL,
	description TEXT NOT NULL,
	urgent BOOLEAN NOT NULL DEFAULT FALSE,
	done_on DATE,
	FOREIGN KEY (building_id) REFERENCES buildings (id)
);

CREATE INDEX ix_leases_unit_start ON leases (building_id, unit_no, starts_on);
CREATE INDEX ix_charges_lease_due ON charges (lease_id, due_on);
CREATE INDEX ix_repairs_open ON repair_requests (building_id) WHERE done_on IS NULL;
