-- A content management system: sites, a page tree with ordered
-- siblings, page versions, reusable blocks placed on pages, media and
-- redirects.
CREATE TABLE sites (
	id INTEGER PRIMARY KEY,
	hostname VARCHAR(253) NOT NULL UNIQUE,
	default_locale VARCHAR(10) NOT NULL DEFAULT 'en'
);

CREATE TABLE cms_pages (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	parent_id INTEGER REFERENCES cms_pages (id) ON DELETE CASCADE,
	slug VARCHAR(100) NOT NULL,
	sort_order INTEGER NOT NULL DEFAULT 0,
	live BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (site_id, parent_id, slug)
);

CREATE TABLE page_versions (
	page_id INTEGER NOT NULL REFERENCES cms_pages (id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	title VARCHAR(200) NOT NULL,
	seo_description VARCHAR(300),
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (page_id, version)
);

CREATE TABLE blocks (
	id INTEGER PRIMARY KEY,
	kind VARCHAR(20) NOT NULL,
	content JSON NOT NULL
);

CREATE TABLE page_blocks (
	page_id INTEGER NOT NULL,
	version INTEGER NOT NULL,
	position SMALLINT NOT NULL,
	block_id INTEGER NOT NULL REFERENCES blocks (id),
	PRIMARY KEY (page_id, version, position),
	FOREIGN KEY (page_id, version) REFERENCES page_versions (page_id, version) ON DELETE CASCADE
);

CREATE TABLE media (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	path VARCHAR(400) NOT NULL,
	mime VARCHAR(100) NOT NULL,
	bytes BIGINT NOT NULL,
	alt_text VARCHAR(250)
);

CREATE TABLE redirects (
	site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
	from_path VARCHAR(400) NOT NULL,
	to_path VARCHAR(400) NOT NULL,
	permanent BOOLEAN NOT NULL DEFAULT TRUE,
	PRIMARY KEY (site_id, from_path)
);

CREATE INDEX ix_cms_pages_parent_order ON cms_pages (parent_id, sort_order);
CREATE INDEX ix_media_site_path ON media (site_id, path);
