-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A sales CRM: organisations, contacts, pipelines with ordered stages,
-- deals, activities on deals or contacts, notes and owners.
CREATE TABLE sales_users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE organisations (
	id INTEGER PRIMARY KEY,
	name VARCHAR(150) NOT NULL,
	domain VARCHAR(253) UNIQUE,
	owner_id INTEGER REFERENCES sales_users (id) ON DELETE SET NULL
);

CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
	name VARCHAR(100) NOT NULL,
	email VARCHAR(254),
	phone VARCHAR(30),
	unsubscribed BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE pipelines (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(60) NOT NULL UNIQUE
);

CREATE TABLE stages (
	pipeline_id SMALLINT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
	position SMALLINT NOT NULL,
	name VARCHAR(40) NOT NULL,
	win_probability SMALLINT NOT NULL DEFAULT 0 CHECK (win_probability BETWEEN 0 AND 100),
	PRIMARY KEY (pipeline_id, position)
);

CREATE TABLE deals (
	id INTEGER PRIMARY KEY,
	organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
	pipeline_id SMALLINT NOT NULL,
	stage_position SMALLINT NOT NULL,
	title VARCHAR(150) NOT NULL,
	value NUMERIC(12,2),
	currency CHAR(3) NOT NULL DEFAULT 'USD',
	owner_id INTEGER REFERENCES sales_users (id),
	expected_close DATE,
	won BOOLEAN,
	FOREIGN KEY (pipeline_id, stage_position) REFERENCES stages (pipeline_id, position) ON UPDATE CASCADE
);

CREATE TABLE activities (
	id INTEGER PRIMARY KEY,
	deal_id INTEGER REFERENCES deals (id) ON DELETE CASCADE,
	contact_id INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
	kind VARCHAR(8) NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'task')),
	due_at TIMESTAMP,
	done BOOLEAN NOT NULL DEFAULT FALSE,
	CHECK (deal_id IS NOT NULL OR contact_id IS NOT NULL)
);

CREATE INDEX ix_deals_open_owner ON deals (owner_id, expected_close) WHERE won IS NULL;
CREATE INDEX ix_contacts_email ON contacts (lower(email));
CREATE INDEX ix_activities_due ON activities (due_at) WHERE done = FALSE;
