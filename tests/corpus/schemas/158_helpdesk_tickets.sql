-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A help desk: customers and agents, groups of agents, tickets with an
-- SLA policy, threaded replies, tags, satisfaction ratings and macros.
CREATE TABLE sla_policies (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(40) NOT NULL UNIQUE,
	first_reply_minutes INTEGER NOT NULL,
	resolve_minutes INTEGER NOT NULL,
	CHECK (first_reply_minutes <= resolve_minutes)
);

CREATE TABLE agent_groups (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(40) NOT NULL UNIQUE,
	sla_id SMALLINT REFERENCES sla_policies (id)
);

CREATE TABLE agents (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL UNIQUE,
	name VARCHAR(80) NOT NULL,
	group_id SMALLINT REFERENCES agent_groups (id) ON DELETE SET NULL,
	on_vacation BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE requesters (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL UNIQUE,
	name VARCHAR(80),
	vip BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	requester_id INTEGER NOT NULL REFERENCES requesters (id),
	group_id SMALLINT REFERENCES agent_groups (id),
	assignee_id INTEGER REFERENCES agents (id) ON DELETE SET NULL,
	subject VARCHAR(200) NOT NULL,
	status VARCHAR(8) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'solved', 'closed')),
	priority VARCHAR(6) NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	solved_at TIMESTAMP
);

CREATE TABLE replies (
	id INTEGER PRIMARY KEY,
	ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
	agent_id INTEGER REFERENCES agents (id),
	public BOOLEAN NOT NULL DEFAULT TRUE,
	body TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE ticket_tags (
	ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
	tag VARCHAR(40) NOT NULL,
	PRIMARY KEY (ticket_id, tag)
);

CREATE TABLE satisfaction (
	ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
	good BOOLEAN NOT NULL,
	comment VARCHAR(500)
);

CREATE TABLE macros (
	id INTEGER PRIMARY KEY,
	title VARCHAR(80) NOT NULL,
	body TEXT NOT NULL,
	set_status VARCHAR(8)
);

CREATE INDEX ix_tickets_assignee_status ON tickets (assignee_id, status);
CREATE INDEX ix_tickets_unsolved ON tickets (created_at) WHERE solved_at IS NULL;
CREATE INDEX ix_replies_ticket ON replies (ticket_id, created_at);
CREATE INDEX ix_ticket_tags_tag ON ticket_tags (tag);
