-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- An issue tracker: projects, milestones, labels, issues that may
-- duplicate one another, their labels, comments and watchers.
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	login VARCHAR(39) NOT NULL UNIQUE,
	display_name VARCHAR(100)
);

CREATE TABLE projects (
	id INTEGER PRIMARY KEY,
	key VARCHAR(10) NOT NULL UNIQUE,
	name VARCHAR(100) NOT NULL,
	lead_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
	public BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE milestones (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	title VARCHAR(80) NOT NULL,
	due DATE,
	UNIQUE (project_id, title)
);

CREATE TABLE labels (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name VARCHAR(40) NOT NULL,
	colour CHAR(7) NOT NULL DEFAULT '#cccccc',
	CONSTRAINT uq_labels_name UNIQUE (project_id, name)
);

CREATE TABLE issues (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	number INTEGER NOT NULL,
	title VARCHAR(200) NOT NULL,
	body TEXT,
	reporter_id INTEGER NOT NULL REFERENCES people (id),
	assignee_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
	milestone_id INTEGER REFERENCES milestones (id) ON DELETE SET NULL,
	duplicate_of INTEGER REFERENCES issues (id),
	state VARCHAR(8) NOT NULL DEFAULT 'open',
	priority SMALLINT NOT NULL DEFAULT 3,
	opened_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	closed_at TIMESTAMP,
	UNIQUE (project_id, number),
	CHECK (closed_at IS NULL OR closed_at >= opened_at)
);

CREATE TABLE issue_labels (
	issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
	label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
	PRIMARY KEY (issue_id, label_id)
);

CREATE TABLE issue_comments (
	id INTEGER PRIMARY KEY,
	issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
	author_id INTEGER NOT NULL REFERENCES people (id),
	body TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	edited_at TIMESTAMP
);

CREATE TABLE watchers (
	issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
	person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
	PRIMARY KEY (issue_id, person_id)
);

CREATE INDEX ix_issues_assignee_open ON issues (assignee_id) WHERE state = 'open';
CREATE INDEX ix_issues_milestone ON issues (milestone_id);
CREATE INDEX ix_issue_comments_issue ON issue_comments (issue_id, created_at);
CREATE INDEX ix_issue_labels_label ON issue_labels (label_id);
