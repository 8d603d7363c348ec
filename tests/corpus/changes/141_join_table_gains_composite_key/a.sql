CREATE TABLE students (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL
);

CREATE TABLE courses (
	id INTEGER PRIMARY KEY,
	title VARCHAR(60) NOT NULL
);

CREATE TABLE enrolments (
	student_id INTEGER NOT NULL REFERENCES students (id),
	course_id INTEGER NOT NULL REFERENCES courses (id)
);
