-- only: postgres
CREATE TABLE paints (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
