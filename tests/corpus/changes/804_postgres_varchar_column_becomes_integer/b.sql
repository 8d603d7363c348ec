-- dialect: postgres
-- A text type to a number: no assignment cast exists, so the change needs
-- USING weight::integer, and the downgrade casts back.
CREATE TABLE parcels (id integer PRIMARY KEY, weight integer DEFAULT 0);
CREATE INDEX parcels_weight_idx ON parcels (weight);
