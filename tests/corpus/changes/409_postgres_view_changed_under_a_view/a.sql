-- only: postgres
CREATE TABLE readings (id INTEGER PRIMARY KEY, value INTEGER);
CREATE VIEW readings_plain AS SELECT id, value FROM readings;
CREATE VIEW reading_ids AS SELECT id FROM readings_plain;
