-- dialect: postgres
CREATE TABLE bookings (
  id integer PRIMARY KEY,
  room text NOT NULL,
  slot integer NOT NULL,
  CONSTRAINT bookings_room_excl EXCLUDE (room WITH =, slot WITH =)
);
