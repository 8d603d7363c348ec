-- dialect: postgres
-- 'trial' goes, and with it the default that used it: a new default
-- takes a value the new type keeps.
CREATE TYPE plan AS ENUM ('basic', 'pro');
CREATE TABLE subscriptions (id integer PRIMARY KEY, plan plan NOT NULL DEFAULT 'basic');
