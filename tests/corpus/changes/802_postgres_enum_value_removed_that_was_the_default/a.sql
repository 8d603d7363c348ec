-- dialect: postgres
CREATE TYPE plan AS ENUM ('trial', 'basic', 'pro');
CREATE TABLE subscriptions (id integer PRIMARY KEY, plan plan NOT NULL DEFAULT 'trial');
