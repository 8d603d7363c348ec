-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- IoT telemetry: gateways, devices with firmware versions, sensor
-- channels, readings keyed by channel and time, alert rules and the
-- alerts they raised.
CREATE TABLE firmware (
	version VARCHAR(16) PRIMARY KEY,
	released DATE NOT NULL,
	notes TEXT
);

CREATE TABLE gateways (
	id INTEGER PRIMARY KEY,
	serial VARCHAR(24) NOT NULL UNIQUE,
	site VARCHAR(60),
	last_seen TIMESTAMP WITH TIME ZONE
);

CREATE TABLE devices (
	id INTEGER PRIMARY KEY,
	gateway_id INTEGER REFERENCES gateways (id) ON DELETE SET NULL,
	serial VARCHAR(24) NOT NULL UNIQUE,
	firmware VARCHAR(16) REFERENCES firmware (version) ON UPDATE CASCADE,
	battery_pct SMALLINT CHECK (battery_pct BETWEEN 0 AND 100),
	installed_on DATE
);

CREATE TABLE channels (
	device_id INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
	channel SMALLINT NOT NULL,
	quantity VARCHAR(20) NOT NULL,
	unit VARCHAR(10) NOT NULL,
	scale DOUBLE PRECISION NOT NULL DEFAULT 1.0,
	PRIMARY KEY (device_id, channel)
);

CREATE TABLE readings (
	device_id INTEGER NOT NULL,
	channel SMALLINT NOT NULL,
	at TIMESTAMP NOT NULL,
	value DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (device_id, channel, at),
	FOREIGN KEY (device_id, channel) REFERENCES channels (device_id, channel) ON DELETE CASCADE
);

CREATE TABLE alert_rules (
	id INTEGER PRIMARY KEY,
	device_id INTEGER NOT NULL,
	channel SMALLINT NOT NULL,
	op CHAR(2) NOT NULL CHECK (op IN ('<', '<=', '>', '>=')),
	threshold DOUBLE PRECISION NOT NULL,
	enabled BOOLEAN NOT NULL DEFAULT TRUE,
	FOREIGN KEY (device_id, channel) REFERENCES channels (device_id, channel) ON DELETE CASCADE
);

CREATE TABLE alerts (
	id BIGINT PRIMARY KEY,
	rule_id INTEGER NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
	raised_at TIMESTAMP NOT NULL,
	cleared_at TIMESTAMP,
	acknowledged_by VARCHAR(60)
);

CREATE INDEX ix_readings_at ON readings (at);
CREATE INDEX ix_alerts_open ON alerts (rule_id) WHERE cleared_at IS NULL;
CREATE INDEX ix_devices_gateway ON devices (gateway_id);
