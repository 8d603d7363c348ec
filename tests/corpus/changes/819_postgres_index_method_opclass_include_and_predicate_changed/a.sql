-- dialect: postgres
CREATE TABLE pages (id integer PRIMARY KEY, path text NOT NULL, tags text[], draft boolean NOT NULL DEFAULT true, views integer);
CREATE INDEX pages_path_idx ON pages (path);
CREATE INDEX pages_tags_idx ON pages USING gin (tags);
CREATE INDEX pages_live_idx ON pages (id) WHERE NOT draft;
CREATE INDEX pages_views_idx ON pages (views);
