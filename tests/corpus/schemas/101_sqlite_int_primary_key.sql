-- only: sqlite
-- INT PRIMARY KEY kept out of the auto-increment rule is a plain key column
-- (no rowid alias, NULL allowed unless declared NOT NULL); a composite key is
-- nullable too.
CREATE TABLE codes (id INT PRIMARY KEY, -- dbtool: no-autoincrement
	name TEXT);
CREATE TABLE pairs (a TEXT, b TEXT NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE rows_ (id INTEGER PRIMARY KEY, code_id INT NOT NULL REFERENCES codes (id));
