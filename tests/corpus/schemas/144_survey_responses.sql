-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- Surveys: questions of several kinds with ordered choices, respondents,
-- responses and one answer per question, either a choice or free text.
CREATE TABLE surveys (
	id INTEGER PRIMARY KEY,
	title VARCHAR(150) NOT NULL,
	opens_at TIMESTAMP,
	closes_at TIMESTAMP,
	anonymous BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE questions (
	id INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	position SMALLINT NOT NULL,
	kind VARCHAR(8) NOT NULL CHECK (kind IN ('single', 'multi', 'text', 'scale')),
	prompt TEXT NOT NULL,
	required BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (survey_id, position)
);

CREATE TABLE choices (
	id INTEGER PRIMARY KEY,
	question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
	position SMALLINT NOT NULL,
	label VARCHAR(200) NOT NULL,
	UNIQUE (question_id, position)
);

CREATE TABLE respondents (
	id INTEGER PRIMARY KEY,
	token CHAR(32) NOT NULL UNIQUE,
	email VARCHAR(254)
);

CREATE TABLE responses (
	id INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	respondent_id INTEGER REFERENCES respondents (id) ON DELETE SET NULL,
	started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	submitted_at TIMESTAMP
);

CREATE TABLE answers (
	response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
	question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
	choice_id INTEGER REFERENCES choices (id) ON DELETE CASCADE,
	text_value TEXT,
	scale_value SMALLINT CHECK (scale_value BETWEEN 0 AND 10),
	PRIMARY KEY (response_id, question_id),
	CHECK (choice_id IS NOT NULL OR text_value IS NOT NULL OR scale_value IS NOT NULL)
);

CREATE INDEX ix_responses_survey_submitted ON responses (survey_id) WHERE submitted_at IS NOT NULL;
CREATE INDEX ix_answers_choice ON answers (choice_id);
