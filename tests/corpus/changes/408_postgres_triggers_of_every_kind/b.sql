-- only: postgres
-- Row triggers on an event and on a column's update, a statement trigger on
-- TRUNCATE, an INSTEAD OF trigger on a view, and a comment on a trigger.
CREATE TABLE public.employees (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	salary NUMERIC(10,2),
	touched TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger AS $$
BEGIN
	NEW.touched = CURRENT_TIMESTAMP;
	RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION public.nothing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER employees_touch BEFORE UPDATE ON public.employees
	FOR EACH ROW EXECUTE FUNCTION public.touch();
COMMENT ON TRIGGER employees_touch ON public.employees IS 'keeps touched current';
CREATE TRIGGER employees_salary BEFORE UPDATE OF salary ON public.employees
	FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE TRIGGER employees_truncated AFTER TRUNCATE ON public.employees
	FOR EACH STATEMENT EXECUTE FUNCTION public.nothing();
CREATE VIEW public.employee_names AS SELECT id, name FROM public.employees;
CREATE FUNCTION public.employee_names_insert() RETURNS trigger AS $$
BEGIN
	INSERT INTO public.employees (id, name) VALUES (NEW.id, NEW.name);
	RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER employee_names_insert INSTEAD OF INSERT ON public.employee_names
	FOR EACH ROW EXECUTE FUNCTION public.employee_names_insert();
