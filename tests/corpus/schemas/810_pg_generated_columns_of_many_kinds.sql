-- dialect: postgres
-- Stored generated columns with casts, CASE, string functions, a date part
-- and jsonb access, one of them indexed and one in a CHECK.
CREATE TABLE orders (
	id integer PRIMARY KEY,
	qty integer NOT NULL,
	unit_price numeric(10,2) NOT NULL,
	placed timestamptz NOT NULL DEFAULT now(),
	meta jsonb NOT NULL DEFAULT '{}',
	total numeric(12,2) GENERATED ALWAYS AS (qty * unit_price) STORED,
	size text GENERATED ALWAYS AS (CASE WHEN qty > 100 THEN 'bulk' ELSE 'retail' END) STORED,
	channel text GENERATED ALWAYS AS (lower(meta ->> 'channel')) STORED,
	qty_text varchar(20) GENERATED ALWAYS AS (qty::text || ' pcs') STORED,
	CHECK (total >= 0)
);
CREATE INDEX orders_channel_idx ON orders (channel);
