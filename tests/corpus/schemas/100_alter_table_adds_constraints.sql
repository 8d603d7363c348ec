-- Tables first, then their keys, defaults and foreign keys by ALTER TABLE.
CREATE TABLE authors (
	id INTEGER NOT NULL,
	email VARCHAR(120) NOT NULL,
	born INTEGER
);

CREATE TABLE books (
	id INTEGER NOT NULL,
	author_id INTEGER NOT NULL,
	pages INTEGER,
	status VARCHAR(10)
);

ALTER TABLE authors ADD CONSTRAINT authors_pkey PRIMARY KEY (id);
ALTER TABLE ONLY authors ADD CONSTRAINT authors_email_key UNIQUE (email), ADD CHECK (born > 1000);
ALTER TABLE books ADD PRIMARY KEY (id);
ALTER TABLE books ADD CONSTRAINT books_author_fkey FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE;
ALTER TABLE books ALTER COLUMN status SET DEFAULT 'draft', ALTER pages SET NOT NULL;
ALTER TABLE books ADD COLUMN isbn VARCHAR(13) UNIQUE;
ALTER TABLE books OWNER TO library;
