-- dialect: postgres
-- A sequence of the model's own with options, a default that draws from
-- it on an existing column, and a comment and grant on the sequence.
CREATE SEQUENCE invoice_no AS integer START WITH 1000 INCREMENT BY 1;
CREATE TABLE invoices (id integer PRIMARY KEY, no integer DEFAULT nextval('invoice_no'));
COMMENT ON SEQUENCE invoice_no IS 'numbers printed on invoices';
GRANT USAGE ON SEQUENCE invoice_no TO PUBLIC;
