-- only: postgres
-- Defaults whose casts carry meaning, as pg_dump writes them: an empty
-- array typed by its cast, a date plus an interval, interval fields and
-- a quoted "bit" (bare bit is bit(1)); and indexes with NULLS FIRST/LAST
-- and other access methods than B-tree, with operator classes.
CREATE TABLE public.tasks (
    id integer NOT NULL,
    tags text[] DEFAULT ARRAY[]::text[] NOT NULL,
    scores integer[] DEFAULT ARRAY[0, 0],
    due date DEFAULT (CURRENT_DATE + '30 days'::interval),
    slot interval DEFAULT '01:30:00'::interval hour to minute,
    flags bit(3) DEFAULT B'101'::"bit",
    during tsrange,
    title text,
    CONSTRAINT tasks_pkey PRIMARY KEY (id)
);
CREATE INDEX tasks_title_nulls_first ON public.tasks USING btree (title NULLS FIRST);
CREATE INDEX tasks_due_desc_nulls_last ON public.tasks USING btree (due DESC NULLS LAST, id);
CREATE INDEX tasks_tags ON public.tasks USING gin (tags);
CREATE INDEX tasks_scores ON public.tasks USING gin (scores array_ops);
CREATE INDEX tasks_during ON public.tasks USING gist (during);
CREATE INDEX tasks_title_hash ON public.tasks USING hash (title);
