-- dialect: postgres
-- The column leaves its domain for the base type with a default of its
-- own, and the domain, no longer used, goes.
CREATE TABLE payments (id integer PRIMARY KEY, amount bigint NOT NULL DEFAULT 0);
