-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A partial unique index whose predicate compares a boolean and a number.
CREATE TABLE subscriptions (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL,
	active BOOLEAN NOT NULL DEFAULT TRUE,
	tier INTEGER NOT NULL
);

CREATE UNIQUE INDEX ux_subscriptions_active ON subscriptions (customer_id) WHERE active = TRUE;
CREATE INDEX ix_subscriptions_high_tier ON subscriptions (tier) WHERE tier > 2;
