-- only: postgres
-- Defaults written as people write them and as pg_dump prints them:
-- 1e3, 1.50, -0.5, casts with ::, typed literals, functions of the
-- current time and date arithmetic.
CREATE TABLE settings (
	id integer PRIMARY KEY,
	max_upload real NOT NULL DEFAULT 1e3,
	ratio numeric(4,2) NOT NULL DEFAULT 1.50,
	bias double precision DEFAULT -0.5,
	small numeric DEFAULT .25,
	label varchar(20) DEFAULT 'none'::character varying,
	raw text DEFAULT 'it''s'::text,
	opened date DEFAULT '2024-02-29'::date,
	stamp timestamp DEFAULT '2024-01-01 00:00:00'::timestamp without time zone,
	zoned timestamptz DEFAULT TIMESTAMPTZ '2024-01-01 00:00:00+00',
	big bigint DEFAULT '9007199254740993'::bigint,
	today date DEFAULT CURRENT_DATE,
	now_local timestamp DEFAULT LOCALTIMESTAMP,
	now_fn timestamptz DEFAULT now(),
	enabled boolean DEFAULT 't'::boolean,
	doc jsonb DEFAULT '{"a": [1, 2]}'::jsonb
);

CREATE TABLE invoices (
	id integer PRIMARY KEY,
	number integer NOT NULL,
	issued date NOT NULL DEFAULT (CURRENT_DATE + 1),
	due date NOT NULL DEFAULT (CURRENT_DATE + 30),
	total numeric(12,2) NOT NULL DEFAULT 0.00,
	currency char(3) NOT NULL DEFAULT 'EUR'::bpchar
);
