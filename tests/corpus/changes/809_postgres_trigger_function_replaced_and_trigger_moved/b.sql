-- dialect: postgres
-- The trigger function is renamed and the trigger now calls the new one
-- on INSERT too: the trigger goes before the old function, the new
-- function comes before the trigger.
CREATE TABLE docs (id integer PRIMARY KEY, body text, updated timestamptz);
CREATE FUNCTION set_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := clock_timestamp(); RETURN NEW; END $$;
CREATE TRIGGER docs_stamp BEFORE INSERT OR UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION set_updated();
