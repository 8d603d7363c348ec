-- dialect: postgres
-- Each index changes in a way only PostgreSQL has: an operator class, a
-- GiST method with its own class, a predicate, INCLUDE columns.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE pages (id integer PRIMARY KEY, path text NOT NULL, tags text[], draft boolean NOT NULL DEFAULT true, views integer);
CREATE INDEX pages_path_idx ON pages (path text_pattern_ops);
CREATE INDEX pages_tags_idx ON pages USING gin (tags array_ops);
CREATE INDEX pages_live_idx ON pages (id) WHERE NOT draft AND views > 0;
CREATE INDEX pages_views_idx ON pages (views) INCLUDE (path);
CREATE INDEX pages_path_trgm ON pages USING gist (path gist_trgm_ops);
