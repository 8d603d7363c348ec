CREATE TABLE students (
	id INTEGER PRIMARY KEY,
	name VARCHAR(40) NOT NULL
);

CREATE TABLE courses (
	id INTEGER PRIMARY KEY,
	title VARCHAR(80) NOT NULL
);

CREATE TABLE enrollments (
	student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
	course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
	grade VARCHAR(2),
	PRIMARY KEY (student_id, course_id)
);
