-- dialect: postgres
-- PostgreSQL 15's ON DELETE SET NULL (columns) and SET DEFAULT (columns):
-- a tenant-first composite foreign key whose delete clears only the
-- reference, never the tenant.
CREATE TABLE tenants (
	id integer PRIMARY KEY
);

CREATE TABLE folders (
	tenant_id integer NOT NULL REFERENCES tenants,
	id integer NOT NULL,
	PRIMARY KEY (tenant_id, id)
);

CREATE TABLE documents (
	tenant_id integer NOT NULL REFERENCES tenants,
	id integer NOT NULL,
	folder_id integer,
	owner_folder_id integer DEFAULT 0,
	PRIMARY KEY (tenant_id, id),
	CONSTRAINT documents_folder_fkey FOREIGN KEY (tenant_id, folder_id)
		REFERENCES folders ON DELETE SET NULL (folder_id),
	CONSTRAINT documents_owner_fkey FOREIGN KEY (tenant_id, owner_folder_id)
		REFERENCES folders (tenant_id, id) ON DELETE SET DEFAULT (owner_folder_id)
		ON UPDATE CASCADE
);
