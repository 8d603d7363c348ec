-- dialect: postgres
-- A rule that makes deletes soft, and an aggregate of the model's own
-- over a state function.
CREATE TABLE posts (id integer PRIMARY KEY, body text, deleted boolean NOT NULL DEFAULT false);
CREATE RULE posts_soft_delete AS ON DELETE TO posts DO INSTEAD
	UPDATE posts SET deleted = true WHERE id = OLD.id;
CREATE FUNCTION longest_step(state text, v text) RETURNS text
	LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN length(v) > length(coalesce(state, '')) THEN v ELSE state END $$;
CREATE AGGREGATE longest(text) (SFUNC = longest_step, STYPE = text);
