-- dialect: postgres
-- Sequences no column owns, of each integer type, descending, cycling,
-- cached, with bounds, one used by two tables' defaults.
CREATE SEQUENCE doc_no AS integer START WITH 1000 INCREMENT BY 1 MINVALUE 1000 MAXVALUE 999999 CACHE 20;
CREATE SEQUENCE small_cycle AS smallint INCREMENT BY 2 MAXVALUE 100 CYCLE;
CREATE SEQUENCE countdown INCREMENT BY -1;
CREATE SEQUENCE big_one AS bigint NO MINVALUE NO MAXVALUE NO CYCLE;
CREATE TABLE invoices (id integer PRIMARY KEY DEFAULT nextval('doc_no'), total numeric);
CREATE TABLE credit_notes (id integer PRIMARY KEY DEFAULT nextval('doc_no'::regclass), total numeric);
CREATE TABLE tickets (id integer PRIMARY KEY, slot smallint DEFAULT nextval('small_cycle'));
