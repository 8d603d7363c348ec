-- only: postgres
CREATE TABLE sessions (
	id integer PRIMARY KEY,
	token uuid NOT NULL,
	user_agent text
);
