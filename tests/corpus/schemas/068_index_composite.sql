-- A composite index and a composite unique index.
CREATE TABLE visits (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL,
	visitor VARCHAR(40) NOT NULL,
	day DATE NOT NULL
);

CREATE INDEX ix_visits_site_day ON visits (site_id, day);
CREATE UNIQUE INDEX ux_visits_site_visitor_day ON visits (site_id, visitor, day);
