-- only: postgres
-- A column that a view and a policy use becomes BIGINT: both go before
-- the change and come back after it.
CREATE TABLE meters (id INTEGER PRIMARY KEY, reading BIGINT, site TEXT);
CREATE VIEW meter_readings AS SELECT id, reading FROM meters;
ALTER TABLE meters ENABLE ROW LEVEL SECURITY;
CREATE POLICY meters_site ON meters USING (site IS NOT NULL AND reading >= 0);
