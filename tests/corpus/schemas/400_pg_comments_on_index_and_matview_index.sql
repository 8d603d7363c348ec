-- dialect: postgres
-- A comment on an index, which the scratch database reads back only once
-- it has built the index with its table, and a materialized view whose
-- index is declared after it, as pg_dump writes them.
CREATE TABLE public.articles (
	id integer NOT NULL PRIMARY KEY,
	slug text NOT NULL,
	words integer DEFAULT 0 NOT NULL
);
CREATE UNIQUE INDEX articles_slug_key ON public.articles USING btree (slug);
COMMENT ON INDEX public.articles_slug_key IS 'one article per slug';
COMMENT ON COLUMN public.articles.words IS 'counted on save';
CREATE MATERIALIZED VIEW public.article_lengths AS
	SELECT words / 100 AS bucket, count(*) AS n FROM public.articles GROUP BY 1;
CREATE UNIQUE INDEX article_lengths_bucket_key ON public.article_lengths USING btree (bucket);
