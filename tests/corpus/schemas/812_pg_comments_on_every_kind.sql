-- dialect: postgres
-- COMMENT ON a table, its columns, a constraint, an index, a view, a
-- materialized view, a function, a type, a domain, a sequence, a trigger
-- and a policy, with quotes and UTF-8 in the text.
CREATE TYPE priority AS ENUM ('low', 'high');
CREATE DOMAIN percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE SEQUENCE ticket_no;
CREATE TABLE tickets (
	id integer PRIMARY KEY,
	title text NOT NULL,
	prio priority NOT NULL DEFAULT 'low',
	done percent DEFAULT 0,
	CONSTRAINT tickets_title_len CHECK (length(title) > 2)
);
CREATE INDEX tickets_prio_idx ON tickets (prio);
CREATE VIEW open_tickets AS SELECT id, title FROM tickets WHERE done < 100;
CREATE MATERIALIZED VIEW ticket_counts AS SELECT prio, count(*) AS n FROM tickets GROUP BY prio;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tickets_touch BEFORE UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tickets_all ON tickets USING (true);
COMMENT ON TABLE tickets IS 'Support tickets';
COMMENT ON COLUMN tickets.title IS 'What the customer wrote, in “their” words';
COMMENT ON COLUMN tickets.done IS 'It''s a percentage';
COMMENT ON CONSTRAINT tickets_title_len ON tickets IS 'no two-letter titles';
COMMENT ON INDEX tickets_prio_idx IS 'for the triage screen';
COMMENT ON VIEW open_tickets IS 'tickets not done';
COMMENT ON MATERIALIZED VIEW ticket_counts IS 'refreshed nightly';
COMMENT ON FUNCTION touch() IS 'trigger function';
COMMENT ON TYPE priority IS 'how urgent';
COMMENT ON DOMAIN percent IS '0 to 100';
COMMENT ON SEQUENCE ticket_no IS 'numbers shown to customers';
COMMENT ON TRIGGER tickets_touch ON tickets IS 'keeps rows fresh';
COMMENT ON POLICY tickets_all ON tickets IS 'everyone, for now';
