-- only: postgres
CREATE TABLE api_keys (id INTEGER PRIMARY KEY, label TEXT);
