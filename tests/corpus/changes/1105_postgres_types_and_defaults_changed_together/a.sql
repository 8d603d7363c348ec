-- dialect: postgres
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE gauges (
  id integer PRIMARY KEY,
  reading text DEFAULT 'none',
  active boolean DEFAULT true,
  size positive_int DEFAULT 5,
  code integer DEFAULT 7
);
