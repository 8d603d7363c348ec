INSERT INTO tenants (id, slug) VALUES (1, 'acme');
INSERT INTO tenants (id, slug) VALUES (2, 'globex');
INSERT INTO members (id, tenant_id, email, role) VALUES (1, 1, 'ann@acme.test', 'owner');
INSERT INTO members (id, tenant_id, email, role) VALUES (2, 1, 'bob@acme.test', 'member');
INSERT INTO members (id, tenant_id, email, role) VALUES (3, 2, 'ann@acme.test', 'member');
