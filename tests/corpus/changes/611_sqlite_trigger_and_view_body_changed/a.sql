-- only: sqlite
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	updated_at TEXT
);
CREATE VIEW recent_posts AS SELECT id, title FROM posts ORDER BY id DESC LIMIT 10;
CREATE TRIGGER posts_touch AFTER UPDATE ON posts BEGIN
	UPDATE posts SET updated_at = datetime('now') WHERE id = NEW.id;
END;
