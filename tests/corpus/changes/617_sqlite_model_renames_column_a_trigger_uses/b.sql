-- only: sqlite
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), title TEXT);
CREATE VIEW user_emails AS SELECT id, email FROM users;
CREATE TRIGGER users_email_lower AFTER UPDATE OF email ON users BEGIN UPDATE users SET email = lower(NEW.email) WHERE id = NEW.id; END;
ALTER TABLE users RENAME COLUMN email TO contact_email;
ALTER TABLE users RENAME TO members;
