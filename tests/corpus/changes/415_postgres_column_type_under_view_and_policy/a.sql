-- only: postgres
CREATE TABLE meters (id INTEGER PRIMARY KEY, reading INTEGER, site TEXT);
CREATE VIEW meter_readings AS SELECT id, reading FROM meters;
ALTER TABLE meters ENABLE ROW LEVEL SECURITY;
CREATE POLICY meters_site ON meters USING (site IS NOT NULL AND reading >= 0);
