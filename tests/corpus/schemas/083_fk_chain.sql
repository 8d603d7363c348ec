-- Four tables in a chain of foreign keys, declared dependents first.
CREATE TABLE answers (
	id INTEGER PRIMARY KEY,
	question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
	body TEXT NOT NULL
);

CREATE TABLE questions (
	id INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	prompt TEXT NOT NULL
);

CREATE TABLE surveys (
	id INTEGER PRIMARY KEY,
	owner_id INTEGER NOT NULL REFERENCES owners (id),
	title VARCHAR(100) NOT NULL
);

CREATE TABLE owners (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL
);
