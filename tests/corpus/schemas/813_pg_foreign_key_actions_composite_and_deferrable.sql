-- dialect: postgres
-- Foreign keys with every action, composite ones with SET NULL and SET
-- DEFAULT, MATCH SIMPLE written out, and deferrable ones.
CREATE TABLE tenants (id integer PRIMARY KEY);
CREATE TABLE users (
	tenant_id integer NOT NULL REFERENCES tenants ON DELETE CASCADE,
	id integer NOT NULL,
	PRIMARY KEY (tenant_id, id)
);
CREATE TABLE posts (
	tenant_id integer NOT NULL,
	id integer NOT NULL,
	author_id integer,
	editor_id integer DEFAULT 0,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL,
	FOREIGN KEY (tenant_id, editor_id) REFERENCES users (tenant_id, id) MATCH SIMPLE
		ON UPDATE CASCADE ON DELETE SET DEFAULT,
	FOREIGN KEY (tenant_id) REFERENCES tenants ON DELETE RESTRICT ON UPDATE NO ACTION
		DEFERRABLE INITIALLY DEFERRED
);
