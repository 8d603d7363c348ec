-- only: postgres
-- Comments on an index (which the scratch database builds with its
-- table), a column, a view and a function, one with a quote; the table's
-- comment changed.
CREATE TABLE public.items (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	price NUMERIC(10,2)
);
CREATE INDEX items_name_idx ON public.items USING btree (name);
CREATE VIEW public.cheap_items AS SELECT id, name FROM public.items WHERE price < 10;
CREATE FUNCTION public.item_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.items $$;
COMMENT ON TABLE public.items IS 'things we sell, and their prices';
COMMENT ON COLUMN public.items.price IS 'the shop''s price, in euros';
COMMENT ON INDEX public.items_name_idx IS 'lookups by name';
COMMENT ON VIEW public.cheap_items IS 'under ten euros';
COMMENT ON FUNCTION public.item_count() IS 'how many items there are';
