-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A multi-tenant SaaS: every row carries its tenant, keys are composite
-- with the tenant first, and foreign keys include it so that no row can
-- point into another tenant.
CREATE TABLE tenants (
	id INTEGER PRIMARY KEY,
	slug VARCHAR(40) NOT NULL UNIQUE,
	plan VARCHAR(20) NOT NULL DEFAULT 'free',
	seats INTEGER NOT NULL DEFAULT 3 CHECK (seats > 0),
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE accounts (
	tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
	id INTEGER NOT NULL,
	email VARCHAR(254) NOT NULL,
	role VARCHAR(12) NOT NULL DEFAULT 'member',
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, email)
);

CREATE TABLE projects (
	tenant_id INTEGER NOT NULL,
	id INTEGER NOT NULL,
	name VARCHAR(80) NOT NULL,
	owner_id INTEGER NOT NULL,
	archived_at TIMESTAMP,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, owner_id) REFERENCES accounts (tenant_id, id)
);

CREATE TABLE issues (
	tenant_id INTEGER NOT NULL,
	project_id INTEGER NOT NULL,
	number INTEGER NOT NULL,
	title VARCHAR(200) NOT NULL,
	assignee_id INTEGER,
	closed BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (tenant_id, project_id, number),
	FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, assignee_id) REFERENCES accounts (tenant_id, id)
);

CREATE TABLE api_keys (
	id INTEGER PRIMARY KEY,
	tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
	prefix CHAR(8) NOT NULL UNIQUE,
	hashed VARCHAR(128) NOT NULL,
	last_used_at TIMESTAMP,
	revoked BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE audit_log (
	id BIGINT PRIMARY KEY,
	tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
	actor_id INTEGER,
	action VARCHAR(40) NOT NULL,
	detail TEXT,
	at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (tenant_id, actor_id) REFERENCES accounts (tenant_id, id)
);

CREATE INDEX ix_issues_open ON issues (tenant_id, project_id) WHERE NOT closed;
CREATE INDEX ix_audit_log_tenant_at ON audit_log (tenant_id, at DESC);
CREATE INDEX ix_api_keys_active ON api_keys (tenant_id) WHERE revoked = FALSE;
