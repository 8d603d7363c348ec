-- dialect: postgres
-- CHECK constraints: one over several columns with a CASE,
-- one with a regular expression and a cast, one on a jsonb path and one
-- that calls an IMMUTABLE function of the model.
CREATE FUNCTION is_slug(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s ~ '^[a-z0-9-]+$' $$;
CREATE TABLE pages (
	id integer PRIMARY KEY,
	slug text NOT NULL CHECK (is_slug(slug)),
	starts date,
	ends date,
	kind text,
	props jsonb,
	CONSTRAINT pages_dates CHECK (CASE WHEN ends IS NULL THEN true ELSE ends >= starts END),
	CONSTRAINT pages_kind CHECK (kind::varchar(10) ~* '^(page|post)$'),
	CONSTRAINT pages_props CHECK (props @? '$.title')
);
