-- dialect: postgres
-- A text column made an enum column: PostgreSQL needs USING to cast the
-- rows, and the default is dropped and set again around it.
CREATE TYPE ship_state AS ENUM ('packed', 'sent', 'delivered');
CREATE TABLE shipments (id integer PRIMARY KEY, state ship_state NOT NULL DEFAULT 'packed');
