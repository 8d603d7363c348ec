-- only: postgres
--
-- PostgreSQL database dump
--

-- Dumped from database version 15.4
-- Dumped by pg_dump version 15.4

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: authors; Type: TABLE; Schema: public; Owner: blog
--

CREATE TABLE public.authors (
    id integer NOT NULL,
    name character varying(80) NOT NULL,
    email character varying(254) NOT NULL,
    bio text,
    created_at timestamp without time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.authors OWNER TO blog;

--
-- Name: authors_id_seq; Type: SEQUENCE; Schema: public; Owner: blog
--

CREATE SEQUENCE public.authors_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.authors_id_seq OWNER TO blog;

--
-- Name: authors_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: blog
--

ALTER SEQUENCE public.authors_id_seq OWNED BY public.authors.id;


--
-- Name: posts; Type: TABLE; Schema: public; Owner: blog
--

CREATE TABLE public.posts (
    id integer NOT NULL,
    author_id integer NOT NULL,
    slug character varying(120) NOT NULL,
    title character varying(200) NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    status character varying(10) DEFAULT 'draft'::character varying NOT NULL,
    published_at timestamp with time zone,
    views bigint DEFAULT 0 NOT NULL,
    CONSTRAINT posts_views_check CHECK ((views >= 0))
);


ALTER TABLE public.posts OWNER TO blog;

CREATE SEQUENCE public.posts_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.posts_id_seq OWNER TO blog;
ALTER SEQUENCE public.posts_id_seq OWNED BY public.posts.id;

--
-- Name: comments; Type: TABLE; Schema: public; Owner: blog
--

CREATE TABLE public.comments (
    id bigint NOT NULL,
    post_id integer NOT NULL,
    parent_id bigint,
    author_name character varying(80),
    body text NOT NULL,
    approved boolean DEFAULT false NOT NULL
);


ALTER TABLE public.comments OWNER TO blog;

CREATE SEQUENCE public.comments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.comments_id_seq OWNER TO blog;
ALTER SEQUENCE public.comments_id_seq OWNED BY public.comments.id;

--
-- Name: tags; Type: TABLE; Schema: public; Owner: blog
--

CREATE TABLE public.tags (
    name character varying(40) NOT NULL
);


ALTER TABLE public.tags OWNER TO blog;

CREATE TABLE public.post_tags (
    post_id integer NOT NULL,
    tag character varying(40) NOT NULL
);


ALTER TABLE public.post_tags OWNER TO blog;

--
-- Name: authors id; Type: DEFAULT; Schema: public; Owner: blog
--

ALTER TABLE ONLY public.authors ALTER COLUMN id SET DEFAULT nextval('public.authors_id_seq'::regclass);
ALTER TABLE ONLY public.posts ALTER COLUMN id SET DEFAULT nextval('public.posts_id_seq'::regclass);
ALTER TABLE ONLY public.comments ALTER COLUMN id SET DEFAULT nextval('public.comments_id_seq'::regclass);

--
-- Name: authors authors_email_key; Type: CONSTRAINT; Schema: public; Owner: blog
--

ALTER TABLE ONLY public.authors
    ADD CONSTRAINT authors_email_key UNIQUE (email);

ALTER TABLE ONLY public.authors
    ADD CONSTRAINT authors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.post_tags
    ADD CONSTRAINT post_tags_pkey PRIMARY KEY (post_id, tag);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_slug_key UNIQUE (slug);

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (name);

--
-- Name: ix_comments_post_id; Type: INDEX; Schema: public; Owner: blog
--

CREATE INDEX ix_comments_post_id ON public.comments USING btree (post_id);

CREATE INDEX ix_posts_published ON public.posts USING btree (published_at DESC) WHERE ((status)::text = 'published'::text);

CREATE INDEX ix_posts_title_lower ON public.posts USING btree (lower((title)::text));

--
-- Name: comments comments_parent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: blog
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.comments(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.post_tags
    ADD CONSTRAINT post_tags_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.post_tags
    ADD CONSTRAINT post_tags_tag_fkey FOREIGN KEY (tag) REFERENCES public.tags(name) ON UPDATE CASCADE;

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id);


--
-- PostgreSQL database dump complete
--

