-- only: postgres
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
GRANT SELECT ON notes TO PUBLIC;
