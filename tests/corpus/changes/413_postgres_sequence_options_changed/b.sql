-- only: postgres
-- The sequence counts by ten up to a maximum and cycles.
CREATE SEQUENCE ticket_numbers INCREMENT BY 10 MAXVALUE 100000 CYCLE;
CREATE TABLE tickets (id INTEGER PRIMARY KEY, number BIGINT DEFAULT nextval('ticket_numbers'));
