-- dialect: postgres
-- The same view column now yields numeric: a type change that only a
-- drop and create can make.
CREATE TABLE metrics (id integer PRIMARY KEY, v integer NOT NULL);
CREATE VIEW metric_totals AS SELECT id, v * 2.5 AS doubled FROM metrics;
