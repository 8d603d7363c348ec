-- A three-column primary key whose columns are not declared NOT NULL:
-- the key makes them so.
CREATE TABLE daily_stats (
	site_id INTEGER,
	day DATE,
	metric VARCHAR(30),
	value BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (site_id, day, metric)
);
