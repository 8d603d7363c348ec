-- dialect: postgres
-- A statement trigger with transition tables, a constraint trigger that is
-- deferred, a trigger on several events with a column list, and a
-- disabled trigger.
CREATE TABLE stock (id integer PRIMARY KEY, qty integer NOT NULL, price numeric(10,2));
CREATE TABLE stock_log (at timestamptz NOT NULL DEFAULT now(), moved bigint);
CREATE FUNCTION log_moves() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stock_log (moved) SELECT count(*) FROM new_rows;
	RETURN NULL;
END
$$;
CREATE FUNCTION check_qty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.qty < 0 THEN RAISE EXCEPTION 'negative stock'; END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER stock_moves AFTER UPDATE ON stock
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION log_moves();
CREATE CONSTRAINT TRIGGER stock_qty AFTER INSERT OR UPDATE ON stock
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION check_qty();
CREATE TRIGGER stock_price AFTER INSERT OR UPDATE OF price, qty OR DELETE ON stock
	FOR EACH ROW EXECUTE FUNCTION check_qty();
ALTER TABLE stock DISABLE TRIGGER stock_price;
