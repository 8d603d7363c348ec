-- A unique constraint and a separate index over the same column.
CREATE TABLE badges (
	id INTEGER PRIMARY KEY,
	code VARCHAR(20) NOT NULL UNIQUE,
	awarded_on DATE
);

CREATE INDEX ix_badges_code_awarded ON badges (code, awarded_on);
