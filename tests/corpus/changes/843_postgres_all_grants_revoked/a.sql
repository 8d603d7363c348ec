-- dialect: postgres
CREATE TABLE prices (id integer PRIMARY KEY, net numeric NOT NULL, note text);
CREATE VIEW public_prices AS SELECT id, net FROM prices;
GRANT SELECT, INSERT ON prices TO PUBLIC;
GRANT UPDATE (note) ON prices TO PUBLIC;
GRANT SELECT ON public_prices TO PUBLIC;
