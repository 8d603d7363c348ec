-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A school: terms, teachers, courses with prerequisites (a join table
-- on one table twice), sections, students, enrolments with a grade.
CREATE TABLE terms (
	id INTEGER PRIMARY KEY,
	code VARCHAR(8) NOT NULL UNIQUE,
	starts DATE NOT NULL,
	ends DATE NOT NULL,
	CHECK (ends > starts)
);

CREATE TABLE teachers (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	email VARCHAR(120) UNIQUE,
	hired DATE
);

CREATE TABLE courses (
	code VARCHAR(10) PRIMARY KEY,
	title VARCHAR(120) NOT NULL,
	credits SMALLINT NOT NULL DEFAULT 3 CHECK (credits > 0),
	description TEXT
);

CREATE TABLE prerequisites (
	course_code VARCHAR(10) NOT NULL REFERENCES courses (code) ON DELETE CASCADE,
	requires_code VARCHAR(10) NOT NULL REFERENCES courses (code) ON DELETE CASCADE,
	PRIMARY KEY (course_code, requires_code),
	CHECK (course_code <> requires_code)
);

CREATE TABLE sections (
	id INTEGER PRIMARY KEY,
	course_code VARCHAR(10) NOT NULL REFERENCES courses (code),
	term_id INTEGER NOT NULL REFERENCES terms (id),
	teacher_id INTEGER REFERENCES teachers (id) ON DELETE SET NULL,
	room VARCHAR(10),
	capacity INTEGER NOT NULL DEFAULT 30,
	UNIQUE (course_code, term_id, room)
);

CREATE TABLE students (
	id INTEGER PRIMARY KEY,
	number CHAR(8) NOT NULL UNIQUE,
	name VARCHAR(80) NOT NULL,
	born DATE,
	graduated BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE enrolments (
	student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
	section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
	enrolled_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	grade NUMERIC(4,2),
	PRIMARY KEY (student_id, section_id)
);

CREATE INDEX ix_sections_term ON sections (term_id);
CREATE INDEX ix_enrolments_section ON enrolments (section_id);
CREATE INDEX ix_students_ungraduated ON students (name) WHERE graduated = FALSE;
