-- dialect: postgres
CREATE DOMAIN cents AS bigint DEFAULT 0 CHECK (VALUE >= 0);
CREATE TABLE payments (id integer PRIMARY KEY, amount cents NOT NULL);
