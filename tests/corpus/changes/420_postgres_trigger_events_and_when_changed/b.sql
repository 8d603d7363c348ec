-- only: postgres
-- The trigger fires on updates too, only when the state is set.
CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT, stamped TIMESTAMPTZ);
CREATE FUNCTION stamp_job() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.stamped := now(); RETURN NEW; END $$;
CREATE TRIGGER jobs_stamp BEFORE INSERT OR UPDATE ON jobs
	FOR EACH ROW WHEN (NEW.state IS NOT NULL) EXECUTE FUNCTION stamp_job();
