-- dialect: postgres
CREATE TABLE events (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
CREATE TABLE event_tags (event_id integer NOT NULL REFERENCES events, tag text NOT NULL);
