-- only: postgres
CREATE TABLE peers (
	id INTEGER PRIMARY KEY,
	ip VARCHAR(40) NOT NULL
);
CREATE INDEX ix_peers_ip ON peers (ip);
