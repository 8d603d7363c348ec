-- Extra semicolons and no final semicolon.
;;
CREATE TABLE alpha (id INTEGER PRIMARY KEY);;
CREATE TABLE beta (id INTEGER PRIMARY KEY, alpha_id INTEGER REFERENCES alpha)
