CREATE TABLE memberships (
	group_id INTEGER NOT NULL,
	user_id INTEGER NOT NULL,
	role VARCHAR(20) NOT NULL DEFAULT 'member',
	PRIMARY KEY (user_id, group_id, role)
);
