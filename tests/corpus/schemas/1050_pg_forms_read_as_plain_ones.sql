-- dialect: postgres
-- Forms a PostgreSQL model may hold that say more than the schema: a table
-- of no columns yet, indexes built CONCURRENTLY (or ASYNC), word operators
-- in defaults and index keys without the parentheses PostgreSQL's DEFAULT
-- wants, typed literals of types of several words, a foreign key to a table
-- declared later under a reserved word, and an exclusion constraint without
-- USING, and a materialized view's index built CONCURRENTLY.
CREATE TABLE placeholder ();

CREATE TABLE line_items (
	id integer PRIMARY KEY,
	order_id integer NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
	sku text NOT NULL,
	weight double precision NOT NULL DEFAULT double precision '0.5'
		CHECK (weight >= double precision '0'),
	label character varying(40) DEFAULT character varying 'unlabelled',
	flags bit varying(8) DEFAULT bit varying '0000',
	gift boolean NOT NULL DEFAULT boolean 'false',
	price numeric(10, 2) DEFAULT numeric(10, 2) '0.00',
	qty integer DEFAULT int4 '1',
	added_at timestamp NOT NULL DEFAULT now() AT TIME ZONE 'utc',
	shipped_at timestamp DEFAULT CURRENT_TIMESTAMP AT TIME ZONE 'UTC',
	epoch timestamp DEFAULT '2020-01-01'::timestamptz AT TIME ZONE 'utc',
	valid_from timestamptz DEFAULT timestamp with time zone '2020-01-01 00:00:00+00',
	no_note boolean DEFAULT 'x' IS NOT NULL,
	EXCLUDE (sku WITH =)
);

CREATE TABLE "order" (
	id integer PRIMARY KEY,
	placed_at timestamp NOT NULL
);

CREATE INDEX CONCURRENTLY line_items_order ON line_items (order_id);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS line_items_label ON line_items USING btree (label)
	INCLUDE (qty) WHERE label IS NOT NULL;
CREATE INDEX ASYNC line_items_sku_qty ON line_items (sku, qty);
CREATE INDEX line_items_weight_qty ON line_items (weight * qty DESC NULLS LAST);
CREATE INDEX line_items_added_day ON line_items (added_at AT TIME ZONE 'utc');
CREATE INDEX order_placed_day ON "order" ((placed_at AT TIME ZONE 'utc') DESC);

CREATE MATERIALIZED VIEW order_sizes AS
	SELECT order_id, count(*) AS lines FROM line_items GROUP BY order_id;
CREATE UNIQUE INDEX CONCURRENTLY order_sizes_order ON order_sizes (order_id);
