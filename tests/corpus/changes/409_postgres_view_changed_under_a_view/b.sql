-- only: postgres
-- The inner view gains a column: the view on it goes and comes back.
CREATE TABLE readings (id INTEGER PRIMARY KEY, value INTEGER);
CREATE VIEW readings_plain AS SELECT id, value, value * 2 AS doubled FROM readings;
CREATE VIEW reading_ids AS SELECT id FROM readings_plain;
