-- only: postgres
-- Declared before the tables that use them; the table that exists gains
-- columns of the new types, and a new table uses them too.
CREATE TYPE zpriority AS ENUM ('low', 'normal', 'high');
CREATE DOMAIN zpositive AS integer CHECK (VALUE > 0);
CREATE SEQUENCE zticket_no START 1000;
CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	priority zpriority NOT NULL DEFAULT 'normal',
	estimate zpositive,
	number BIGINT NOT NULL DEFAULT nextval('zticket_no')
);
CREATE TABLE a_escalations (
	id INTEGER PRIMARY KEY,
	ticket_id INTEGER NOT NULL REFERENCES tickets (id),
	priority zpriority NOT NULL,
	hours zpositive NOT NULL
);
