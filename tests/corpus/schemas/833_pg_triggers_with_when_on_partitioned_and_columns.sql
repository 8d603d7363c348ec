-- dialect: postgres
-- Row triggers on a partitioned table (which its partitions take), WHEN
-- conditions comparing OLD and NEW, and a trigger function with arguments.
CREATE TABLE metrics (id bigint NOT NULL, at date NOT NULL, v numeric, note text) PARTITION BY RANGE (at);
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE FUNCTION guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_ARGV[0] = 'strict' AND NEW.v < 0 THEN
		RAISE EXCEPTION 'negative';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER metrics_guard BEFORE INSERT OR UPDATE ON metrics
	FOR EACH ROW EXECUTE FUNCTION guard('strict', 'v1');
CREATE TRIGGER metrics_changed AFTER UPDATE OF v ON metrics
	FOR EACH ROW WHEN (OLD.v IS DISTINCT FROM NEW.v) EXECUTE FUNCTION guard('loose');
