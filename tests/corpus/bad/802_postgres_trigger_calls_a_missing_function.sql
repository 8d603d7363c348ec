-- A trigger whose function the model does not declare.
CREATE TABLE docs (id integer PRIMARY KEY, body text);
CREATE TRIGGER docs_touch BEFORE UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION touch();
