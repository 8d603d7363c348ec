-- only: postgres
CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT, stamped TIMESTAMPTZ);
CREATE FUNCTION stamp_job() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.stamped := now(); RETURN NEW; END $$;
CREATE TRIGGER jobs_stamp BEFORE INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION stamp_job();
