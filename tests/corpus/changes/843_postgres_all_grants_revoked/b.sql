-- dialect: postgres
-- Every grant is taken back; the view stays.
CREATE TABLE prices (id integer PRIMARY KEY, net numeric NOT NULL, note text);
CREATE VIEW public_prices AS SELECT id, net FROM prices;
