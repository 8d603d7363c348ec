-- only: postgres
-- The default names its sequence with the schema, as pg_dump and many
-- hand-written files do; the database prints it without.
CREATE SEQUENCE public.invoice_no START WITH 100 INCREMENT BY 5 MINVALUE 100 MAXVALUE 1000000 CACHE 1;
CREATE TABLE public.invoices (
	id INTEGER PRIMARY KEY,
	customer TEXT NOT NULL,
	number BIGINT DEFAULT nextval('public.invoice_no')
);
