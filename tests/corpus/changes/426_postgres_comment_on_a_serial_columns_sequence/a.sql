-- only: postgres
CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);
