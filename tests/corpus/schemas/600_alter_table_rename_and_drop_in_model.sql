-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A model that grew by ALTER TABLE statements, as a schema file kept by
-- appending does: tables and columns renamed, columns added and dropped.
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL CHECK (name <> ''),
	code VARCHAR(20) UNIQUE,
	legacy_flag INTEGER CHECK (legacy_flag IN (0, 1))
);
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	author INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	author_code VARCHAR(20) REFERENCES users (code),
	body TEXT
);
CREATE INDEX users_lower_name ON users (lower(name)) WHERE name IS NOT NULL;
CREATE INDEX posts_author ON posts (author);
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE users RENAME code TO handle;
ALTER TABLE users DROP COLUMN legacy_flag;
ALTER TABLE users ADD COLUMN email VARCHAR(120);
ALTER TABLE users RENAME TO accounts;
ALTER TABLE posts RENAME COLUMN author TO account_id;
ALTER TABLE posts DROP COLUMN IF EXISTS missing;
