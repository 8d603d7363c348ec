-- only: postgres
CREATE TABLE visits (id INTEGER PRIMARY KEY, page TEXT NOT NULL);
