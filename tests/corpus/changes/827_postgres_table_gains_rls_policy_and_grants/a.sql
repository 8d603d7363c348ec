-- dialect: postgres
CREATE TABLE documents (id integer PRIMARY KEY, owner name NOT NULL DEFAULT CURRENT_USER, body text);
