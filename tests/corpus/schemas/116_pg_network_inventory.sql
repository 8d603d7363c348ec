-- only: postgres
-- A network inventory: uuid keys, addresses and networks, MAC addresses,
-- jsonb facts, and checks on the address family and the prefix length.
CREATE TABLE sites (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	name text NOT NULL UNIQUE,
	timezone text NOT NULL DEFAULT 'UTC'
);

CREATE TABLE subnets (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	network cidr NOT NULL,
	gateway inet,
	vlan smallint CHECK (vlan BETWEEN 1 AND 4094),
	CONSTRAINT subnets_v4_only CHECK (family(network) = 4),
	CONSTRAINT subnets_prefix CHECK (masklen(network) >= 8),
	UNIQUE (site_id, network)
);

CREATE TABLE devices (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	site_id uuid NOT NULL REFERENCES sites (id),
	hostname varchar(63) NOT NULL,
	kind varchar(12) NOT NULL CHECK (kind IN ('router', 'switch', 'server', 'ap')),
	facts jsonb NOT NULL DEFAULT '{}'::jsonb,
	tags text[] NOT NULL DEFAULT '{}'::text[],
	first_seen timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE interfaces (
	device_id uuid NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
	name varchar(32) NOT NULL,
	mac macaddr,
	mac8 macaddr8,
	address inet,
	mtu integer NOT NULL DEFAULT 1500,
	PRIMARY KEY (device_id, name)
);

CREATE TABLE leases (
	id bigserial PRIMARY KEY,
	subnet_id uuid NOT NULL REFERENCES subnets (id) ON DELETE CASCADE,
	address inet NOT NULL,
	mac macaddr NOT NULL,
	starts timestamptz NOT NULL,
	ends timestamptz NOT NULL,
	CHECK (ends > starts)
);

CREATE UNIQUE INDEX ux_devices_site_hostname ON devices (site_id, lower(hostname));
CREATE INDEX ix_devices_first_seen ON devices USING btree (site_id, first_seen DESC);
CREATE INDEX ix_leases_address ON leases USING btree (address inet_ops);
CREATE INDEX ix_interfaces_mac ON interfaces (mac) WHERE mac IS NOT NULL;
