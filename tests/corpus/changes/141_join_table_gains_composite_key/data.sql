INSERT INTO students (id, name) VALUES (1, 'ann');
INSERT INTO students (id, name) VALUES (2, 'bob');
INSERT INTO courses (id, title) VALUES (10, 'maths');
INSERT INTO courses (id, title) VALUES (20, 'art');
INSERT INTO enrolments (student_id, course_id) VALUES (1, 10);
INSERT INTO enrolments (student_id, course_id) VALUES (1, 20);
INSERT INTO enrolments (student_id, course_id) VALUES (2, 10);
