-- dialect: postgres
-- The column, its index and its type go together: the type after the
-- column, and back before it.
CREATE TABLE shirts (id integer PRIMARY KEY, color text);
