-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
-- Newsletters: lists, subscribers with a double opt-in, subscriptions,
-- campaigns, per-recipient sends with bounce and open tracking, and
-- link clicks.
CREATE TABLE mailing_lists (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL UNIQUE,
	from_address VARCHAR(254) NOT NULL,
	double_opt_in BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE subscribers (
	id BIGINT PRIMARY KEY,
	email VARCHAR(254) NOT NULL,
	name VARCHAR(80),
	confirmed_at TIMESTAMP,
	bounced BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE subscriptions (
	list_id INTEGER NOT NULL REFERENCES mailing_lists (id) ON DELETE CASCADE,
	subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
	subscribed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	unsubscribed_at TIMESTAMP,
	PRIMARY KEY (list_id, subscriber_id)
);

CREATE TABLE campaigns (
	id INTEGER PRIMARY KEY,
	list_id INTEGER NOT NULL REFERENCES mailing_lists (id),
	subject VARCHAR(200) NOT NULL,
	html TEXT NOT NULL,
	scheduled_for TIMESTAMP,
	sent BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE sends (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
	sent_at TIMESTAMP NOT NULL,
	opened_at TIMESTAMP,
	bounce_code VARCHAR(10),
	PRIMARY KEY (campaign_id, subscriber_id)
);

CREATE TABLE clicks (
	id BIGINT PRIMARY KEY,
	campaign_id INTEGER NOT NULL,
	subscriber_id BIGINT NOT NULL,
	url VARCHAR(2000) NOT NULL,
	clicked_at TIMESTAMP NOT NULL,
	FOREIGN KEY (campaign_id, subscriber_id) REFERENCES sends (campaign_id, subscriber_id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ux_subscribers_email ON subscribers (lower(email));
CREATE INDEX ix_subscriptions_active ON subscriptions (list_id) WHERE unsubscribed_at IS NULL;
CREATE INDEX ix_clicks_campaign ON clicks (campaign_id, clicked_at);
