CREATE TABLE public.users (
    id integer NOT NULL,
    email character varying(120) NOT NULL
);
ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
