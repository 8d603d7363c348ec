-- dialect: postgres
-- Exclusion constraints written without USING (the method is btree, as
-- the database reports it): one changed, one added on a single column.
CREATE TABLE bookings (
  id integer PRIMARY KEY,
  room text NOT NULL,
  slot integer NOT NULL,
  CONSTRAINT bookings_room_excl EXCLUDE (room WITH =, slot WITH =) WHERE (slot > 0)
);
ALTER TABLE bookings ADD CONSTRAINT bookings_id_excl EXCLUDE (id WITH =);
