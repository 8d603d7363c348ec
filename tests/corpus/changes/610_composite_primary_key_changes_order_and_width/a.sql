CREATE TABLE memberships (
	group_id INTEGER NOT NULL,
	user_id INTEGER NOT NULL,
	role VARCHAR(20) NOT NULL DEFAULT 'member',
	PRIMARY KEY (group_id, user_id)
);
