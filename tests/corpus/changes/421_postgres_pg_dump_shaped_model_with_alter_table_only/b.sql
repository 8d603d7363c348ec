-- only: postgres
-- Keys, a foreign key, a column, NOT NULL and a unique index added by
-- ALTER statements after the tables, as dumps and hand-kept files do.
CREATE TABLE public.authors (id integer NOT NULL, name text);
CREATE TABLE public.books (id integer NOT NULL, author_id integer, title text);
ALTER TABLE ONLY public.authors ADD CONSTRAINT authors_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.books ADD CONSTRAINT books_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.books
	ADD CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE;
ALTER TABLE public.authors ADD COLUMN joined timestamptz DEFAULT now();
ALTER TABLE public.authors ALTER COLUMN name SET NOT NULL;
CREATE UNIQUE INDEX authors_name_key ON public.authors USING btree (name);
