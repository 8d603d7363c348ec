-- A unique index.
CREATE TABLE domains (
	id INTEGER PRIMARY KEY,
	hostname VARCHAR(253) NOT NULL
);

CREATE UNIQUE INDEX ux_domains_hostname ON domains (hostname);
