-- not-dialect: mysql (MariaDB/MySQL have no deferrable foreign keys)
-- A wiki: namespaces, pages with a pointer to their latest revision (a
-- foreign key cycle closed by ALTER TABLE), revisions, links between
-- pages and page watchers.
CREATE TABLE namespaces (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(30) NOT NULL UNIQUE
);

CREATE TABLE editors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL UNIQUE,
	registered TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE pages (
	id INTEGER PRIMARY KEY,
	namespace_id SMALLINT NOT NULL DEFAULT 0 REFERENCES namespaces (id),
	title VARCHAR(255) NOT NULL,
	latest_revision INTEGER,
	is_redirect BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (namespace_id, title)
);

CREATE TABLE revisions (
	id INTEGER PRIMARY KEY,
	page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	parent_id INTEGER REFERENCES revisions (id),
	editor_id INTEGER REFERENCES editors (id) ON DELETE SET NULL,
	summary VARCHAR(500),
	content TEXT NOT NULL,
	minor BOOLEAN NOT NULL DEFAULT FALSE,
	saved_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

ALTER TABLE pages ADD CONSTRAINT fk_pages_latest_revision FOREIGN KEY (latest_revision) REFERENCES revisions (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE page_links (
	from_page INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	to_namespace SMALLINT NOT NULL,
	to_title VARCHAR(255) NOT NULL,
	PRIMARY KEY (from_page, to_namespace, to_title)
);

CREATE TABLE watchlist (
	editor_id INTEGER NOT NULL REFERENCES editors (id) ON DELETE CASCADE,
	page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	notify BOOLEAN NOT NULL DEFAULT TRUE,
	PRIMARY KEY (editor_id, page_id)
);

CREATE INDEX ix_revisions_page_saved ON revisions (page_id, saved_at DESC);
CREATE INDEX ix_revisions_editor ON revisions (editor_id);
CREATE INDEX ix_page_links_target ON page_links (to_namespace, to_title);
