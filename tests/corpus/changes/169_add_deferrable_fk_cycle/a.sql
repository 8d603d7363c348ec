-- not-dialect: mysql (MariaDB/MySQL have no deferrable foreign keys)
CREATE TABLE teams (
	id INTEGER PRIMARY KEY,
	name VARCHAR(40) NOT NULL,
	captain_id INTEGER
);

CREATE TABLE players (
	id INTEGER PRIMARY KEY,
	team_id INTEGER NOT NULL REFERENCES teams (id),
	name VARCHAR(40) NOT NULL
);
