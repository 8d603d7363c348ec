-- dialect: postgres
CREATE TABLE metrics (id integer PRIMARY KEY, v integer NOT NULL);
CREATE VIEW metric_totals AS SELECT id, v * 2 AS doubled FROM metrics;
