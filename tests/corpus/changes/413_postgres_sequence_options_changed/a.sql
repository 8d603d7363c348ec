-- only: postgres
CREATE SEQUENCE ticket_numbers;
CREATE TABLE tickets (id INTEGER PRIMARY KEY, number BIGINT DEFAULT nextval('ticket_numbers'));
