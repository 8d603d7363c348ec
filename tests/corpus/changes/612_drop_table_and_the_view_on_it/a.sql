CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL
);
CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id),
	token VARCHAR(64) NOT NULL
);
CREATE VIEW active_sessions AS SELECT s.id, u.name FROM sessions s JOIN users u ON u.id = s.user_id;
CREATE VIEW user_names AS SELECT name FROM users;
