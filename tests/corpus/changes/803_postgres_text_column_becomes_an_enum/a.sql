-- dialect: postgres
CREATE TABLE shipments (id integer PRIMARY KEY, state text NOT NULL DEFAULT 'packed');
