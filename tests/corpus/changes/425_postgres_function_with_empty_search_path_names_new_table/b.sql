-- only: postgres
-- A function pinned to an empty search_path names a table that this change
-- adds, by its schema: its body is checked when the revision runs, once the
-- table is there.
CREATE TABLE visits (id INTEGER PRIMARY KEY, page TEXT NOT NULL);
CREATE TABLE public.page_hits (page TEXT PRIMARY KEY, hits BIGINT NOT NULL DEFAULT 0);
CREATE FUNCTION public.hits_of(p text) RETURNS bigint
	LANGUAGE sql STABLE SET search_path = ''
	AS $$ SELECT hits FROM public.page_hits WHERE page = p $$;
