CREATE TABLE tenants (
	id INTEGER PRIMARY KEY,
	slug VARCHAR(40) NOT NULL
);

CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
	email VARCHAR(120) NOT NULL,
	role VARCHAR(10) NOT NULL DEFAULT 'member',
	CONSTRAINT uq_members_tenant_email UNIQUE (tenant_id, email)
);
