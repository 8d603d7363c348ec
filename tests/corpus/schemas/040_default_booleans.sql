-- TRUE and FALSE defaults.
CREATE TABLE preferences (
	id INTEGER PRIMARY KEY,
	newsletter BOOLEAN NOT NULL DEFAULT FALSE,
	notifications BOOLEAN NOT NULL DEFAULT TRUE,
	dark_mode BOOLEAN DEFAULT false
);
