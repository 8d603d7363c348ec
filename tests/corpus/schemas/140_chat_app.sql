-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A team chat: workspaces, channels (public or private), members with a
-- role, threaded messages, reactions and read markers.
CREATE TABLE workspaces (
	id UUID PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	domain VARCHAR(63) NOT NULL UNIQUE
);

CREATE TABLE chat_users (
	id UUID PRIMARY KEY,
	workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	email VARCHAR(254) NOT NULL,
	name VARCHAR(80) NOT NULL,
	is_bot BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (workspace_id, email)
);

CREATE TABLE channels (
	id UUID PRIMARY KEY,
	workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	name VARCHAR(80) NOT NULL,
	topic VARCHAR(250),
	private BOOLEAN NOT NULL DEFAULT FALSE,
	archived BOOLEAN NOT NULL DEFAULT FALSE,
	CONSTRAINT uq_channels_name UNIQUE (workspace_id, name)
);

CREATE TABLE channel_members (
	channel_id UUID NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
	user_id UUID NOT NULL REFERENCES chat_users (id) ON DELETE CASCADE,
	role VARCHAR(10) NOT NULL DEFAULT 'member',
	last_read_at TIMESTAMP WITH TIME ZONE,
	muted BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (channel_id, user_id)
);

CREATE TABLE messages (
	id BIGINT PRIMARY KEY,
	channel_id UUID NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
	user_id UUID REFERENCES chat_users (id) ON DELETE SET NULL,
	thread_root BIGINT REFERENCES messages (id) ON DELETE CASCADE,
	body TEXT NOT NULL,
	edited BOOLEAN NOT NULL DEFAULT FALSE,
	sent_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE reactions (
	message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	user_id UUID NOT NULL REFERENCES chat_users (id) ON DELETE CASCADE,
	emoji VARCHAR(32) NOT NULL,
	PRIMARY KEY (message_id, user_id, emoji)
);

CREATE TABLE attachments (
	id BIGINT PRIMARY KEY,
	message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	filename VARCHAR(255) NOT NULL,
	size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
	content BLOB
);

CREATE INDEX ix_messages_channel_sent ON messages (channel_id, sent_at);
CREATE INDEX ix_messages_thread ON messages (thread_root, sent_at) WHERE thread_root IS NOT NULL;
CREATE INDEX ix_channel_members_user ON channel_members (user_id);
