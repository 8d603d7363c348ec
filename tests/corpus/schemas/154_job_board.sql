-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A job board: companies, recruiters, postings with a salary range,
-- skills, candidates with skills and levels, applications moving
-- through stages, and interviews.
CREATE TABLE companies (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL UNIQUE,
	website VARCHAR(200),
	size_band VARCHAR(10)
);

CREATE TABLE recruiters (
	id INTEGER PRIMARY KEY,
	company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
	email VARCHAR(254) NOT NULL UNIQUE
);

CREATE TABLE postings (
	id INTEGER PRIMARY KEY,
	company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
	recruiter_id INTEGER REFERENCES recruiters (id) ON DELETE SET NULL,
	title VARCHAR(120) NOT NULL,
	remote BOOLEAN NOT NULL DEFAULT FALSE,
	salary_min INTEGER,
	salary_max INTEGER,
	posted_on DATE NOT NULL DEFAULT CURRENT_DATE,
	closes_on DATE,
	CONSTRAINT ck_postings_salary CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max)
);

CREATE TABLE skills (
	id INTEGER PRIMARY KEY,
	name VARCHAR(40) NOT NULL UNIQUE
);

CREATE TABLE posting_skills (
	posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
	skill_id INTEGER NOT NULL REFERENCES skills (id),
	required BOOLEAN NOT NULL DEFAULT TRUE,
	PRIMARY KEY (posting_id, skill_id)
);

CREATE TABLE candidates (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL UNIQUE,
	name VARCHAR(100) NOT NULL,
	cv BLOB
);

CREATE TABLE candidate_skills (
	candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
	skill_id INTEGER NOT NULL REFERENCES skills (id),
	level SMALLINT NOT NULL CHECK (level BETWEEN 1 AND 5),
	PRIMARY KEY (candidate_id, skill_id)
);

CREATE TABLE applications (
	id INTEGER PRIMARY KEY,
	posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
	candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
	stage VARCHAR(12) NOT NULL DEFAULT 'applied' CHECK (stage IN ('applied', 'screen', 'interview', 'offer', 'hired', 'rejected')),
	applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (posting_id, candidate_id)
);

CREATE TABLE interviews (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	at TIMESTAMP NOT NULL,
	interviewer VARCHAR(100),
	score SMALLINT
);

CREATE INDEX ix_postings_open ON postings (posted_on DESC) WHERE closes_on IS NULL;
CREATE INDEX ix_applications_candidate ON applications (candidate_id);
CREATE INDEX ix_posting_skills_skill ON posting_skills (skill_id);
