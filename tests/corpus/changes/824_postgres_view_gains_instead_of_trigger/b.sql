-- dialect: postgres
-- The view changes its expression, and an INSTEAD OF trigger makes it
-- writable: the function first, then the view, then the trigger on it.
CREATE TABLE people (id integer PRIMARY KEY, first text, last text);
CREATE VIEW people_names AS SELECT id, coalesce(first, '') || ' ' || coalesce(last, '') AS name FROM people;
CREATE FUNCTION people_names_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO people (id, first, last) VALUES (NEW.id, split_part(NEW.name, ' ', 1), split_part(NEW.name, ' ', 2));
	RETURN NEW;
END
$$;
CREATE TRIGGER people_names_ins INSTEAD OF INSERT ON people_names FOR EACH ROW EXECUTE FUNCTION people_names_insert();
