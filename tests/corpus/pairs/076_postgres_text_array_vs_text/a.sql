-- only: postgres
CREATE TABLE posts (
	tags TEXT,
	ids integer[]
);
