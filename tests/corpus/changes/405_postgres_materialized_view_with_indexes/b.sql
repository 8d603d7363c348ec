-- only: postgres
-- A materialized view with a unique index (which REFRESH ... CONCURRENTLY
-- needs) and a plain one, declared after it as dumps write them.
CREATE TABLE public.sales (
	id INTEGER PRIMARY KEY,
	region TEXT NOT NULL,
	amount NUMERIC(12,2) NOT NULL
);
CREATE MATERIALIZED VIEW public.sales_by_region AS
	SELECT region, sum(amount) AS total, count(*) AS n FROM public.sales GROUP BY region;
CREATE UNIQUE INDEX sales_by_region_region_key ON public.sales_by_region USING btree (region);
CREATE INDEX sales_by_region_total_idx ON public.sales_by_region (total DESC);
