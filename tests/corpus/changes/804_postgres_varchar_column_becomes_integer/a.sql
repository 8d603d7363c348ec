-- dialect: postgres
CREATE TABLE parcels (id integer PRIMARY KEY, weight varchar(10) DEFAULT '0');
CREATE INDEX parcels_weight_idx ON parcels (weight);
