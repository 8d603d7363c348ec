-- only: postgres
-- A table privilege added and one on a column, as GRANT ... (column) writes it.
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
GRANT SELECT, INSERT ON TABLE public.notes TO PUBLIC;
GRANT UPDATE (body) ON public.notes TO PUBLIC;
