-- dialect: postgres
-- The identity key and the foreign key that references it become bigint.
CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
CREATE TABLE event_tags (event_id bigint NOT NULL REFERENCES events, tag text NOT NULL);
