-- only: postgres
-- Defaults cast to the enum by its schema-qualified name, as pg_dump
-- writes them, on a column and on an array column.
CREATE TYPE public.color AS ENUM ('red', 'green', 'blue');
CREATE TABLE public.paints (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	base public.color DEFAULT 'red'::public.color NOT NULL,
	mixes public.color[] DEFAULT '{red,blue}'::public.color[]
);
