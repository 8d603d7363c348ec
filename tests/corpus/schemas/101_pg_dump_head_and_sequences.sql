-- The head of a pg_dump, public-qualified names and a sequence owned by
-- the column that takes its values: a SERIAL column.
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET default_tablespace = '';

CREATE TABLE public.tickets (
    id integer NOT NULL,
    subject character varying(120) NOT NULL
);

ALTER TABLE public.tickets OWNER TO app;

CREATE SEQUENCE public.tickets_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE public.tickets_id_seq OWNER TO app;
ALTER SEQUENCE public.tickets_id_seq OWNED BY public.tickets.id;
ALTER TABLE ONLY public.tickets ALTER COLUMN id SET DEFAULT nextval('public.tickets_id_seq'::regclass);
ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_pkey PRIMARY KEY (id);
CREATE INDEX ix_tickets_subject ON public.tickets USING btree (subject);
