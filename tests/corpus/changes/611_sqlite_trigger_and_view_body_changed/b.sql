-- only: sqlite
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	updated_at TEXT
);
CREATE VIEW recent_posts AS SELECT id, title, updated_at FROM posts ORDER BY id DESC LIMIT 20;
CREATE TRIGGER posts_touch AFTER UPDATE OF title ON posts FOR EACH ROW WHEN OLD.title <> NEW.title BEGIN
	UPDATE posts SET updated_at = datetime('now') WHERE id = NEW.id;
END;
CREATE TRIGGER posts_no_empty BEFORE INSERT ON posts WHEN NEW.title = '' BEGIN
	SELECT RAISE(ABORT, 'empty title');
END;
