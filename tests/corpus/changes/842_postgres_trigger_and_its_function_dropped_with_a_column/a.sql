-- dialect: postgres
CREATE TABLE pages (id integer PRIMARY KEY, body text, words integer);
CREATE FUNCTION count_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.words := array_length(regexp_split_to_array(coalesce(NEW.body, ''), '\s+'), 1); RETURN NEW; END
$$;
CREATE TRIGGER pages_words BEFORE INSERT OR UPDATE OF body ON pages FOR EACH ROW EXECUTE FUNCTION count_words();
COMMENT ON COLUMN pages.words IS 'kept by a trigger';
