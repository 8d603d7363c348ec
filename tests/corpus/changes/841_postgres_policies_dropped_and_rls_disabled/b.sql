-- dialect: postgres
-- Row level security goes, and its policies with it.
CREATE TABLE secrets (id integer PRIMARY KEY, owner name NOT NULL DEFAULT CURRENT_USER, v text);
