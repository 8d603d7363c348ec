-- only: postgres
-- Constraints the model adds NOT VALID, as a migration adds them to a big
-- table: the model means the constraint; the revision adds it checked.
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL,
	words INTEGER NOT NULL,
	CONSTRAINT posts_words_positive CHECK (words > 0) NOT VALID
);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id)
	REFERENCES authors (id) NOT VALID;
ALTER TABLE posts ADD CONSTRAINT posts_words_small CHECK (words < 100000) NOT VALID;
