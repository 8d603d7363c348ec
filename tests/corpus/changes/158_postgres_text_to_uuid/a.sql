-- only: postgres
CREATE TABLE sessions (
	id integer PRIMARY KEY,
	token text NOT NULL,
	user_agent text
);
