-- dialect: postgres
-- Routines whose definitions span lines, a view on them, and grants on a
-- table and on one of its columns to the same role.
CREATE TABLE public.prices (
	id integer NOT NULL PRIMARY KEY,
	net numeric(10,2) NOT NULL,
	note text
);
CREATE FUNCTION public.gross(net numeric, rate numeric DEFAULT 0.2)
	RETURNS numeric
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT round(net * (1 + rate), 2) $$;
CREATE VIEW public.gross_prices AS SELECT id, public.gross(net) AS gross FROM public.prices;
GRANT SELECT ON TABLE public.prices TO PUBLIC;
GRANT UPDATE (note) ON public.prices TO PUBLIC;
