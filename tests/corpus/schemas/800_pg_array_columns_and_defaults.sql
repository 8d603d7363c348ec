-- dialect: postgres
-- Array columns of several element types and dimensions, with empty and
-- filled defaults written as literals, ARRAY[...] and casts, and a GIN
-- index on one of them.
CREATE TABLE posts (
	id integer PRIMARY KEY,
	tags text[] NOT NULL DEFAULT '{}',
	scores integer[] DEFAULT ARRAY[0, 0, 0],
	grid integer[][],
	codes varchar(8)[] DEFAULT '{a,b}'::varchar(8)[],
	ratios numeric(4,2)[] DEFAULT ARRAY[]::numeric[],
	flags boolean[3]
);
CREATE INDEX posts_tags_idx ON posts USING gin (tags);
