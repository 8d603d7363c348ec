-- An online course platform: instructors, courses with modules and
-- lessons in order, learners, enrolments, lesson progress, quizzes and
-- attempts, certificates.
CREATE TABLE instructors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	bio TEXT
);

CREATE TABLE courses (
	id INTEGER PRIMARY KEY,
	instructor_id INTEGER NOT NULL REFERENCES instructors (id),
	slug VARCHAR(80) NOT NULL UNIQUE,
	title VARCHAR(150) NOT NULL,
	price NUMERIC(7,2) NOT NULL DEFAULT 0,
	published BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE modules (
	id INTEGER PRIMARY KEY,
	course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
	position SMALLINT NOT NULL,
	title VARCHAR(150) NOT NULL,
	UNIQUE (course_id, position)
);

CREATE TABLE lessons (
	id INTEGER PRIMARY KEY,
	module_id INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
	position SMALLINT NOT NULL,
	title VARCHAR(150) NOT NULL,
	video_seconds INTEGER,
	free_preview BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (module_id, position)
);

CREATE TABLE learners (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL UNIQUE,
	name VARCHAR(80)
);

CREATE TABLE course_enrolments (
	learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
	enrolled_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	completed_at TIMESTAMP,
	PRIMARY KEY (learner_id, course_id)
);

CREATE TABLE lesson_progress (
	learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	lesson_id INTEGER NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
	seconds_watched INTEGER NOT NULL DEFAULT 0,
	done BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (learner_id, lesson_id)
);

CREATE TABLE quiz_attempts (
	id INTEGER PRIMARY KEY,
	learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	module_id INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
	score NUMERIC(5,2) CHECK (score BETWEEN 0 AND 100),
	taken_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE certificates (
	code CHAR(12) PRIMARY KEY,
	learner_id INTEGER NOT NULL,
	course_id INTEGER NOT NULL,
	issued_on DATE NOT NULL,
	FOREIGN KEY (learner_id, course_id) REFERENCES course_enrolments (learner_id, course_id),
	UNIQUE (learner_id, course_id)
);

CREATE INDEX ix_lesson_progress_lesson ON lesson_progress (lesson_id);
CREATE INDEX ix_quiz_attempts_learner ON quiz_attempts (learner_id, taken_at DESC);
