-- dialect: postgres
-- The counted column goes with the trigger that fills it, its function and
-- its comment: the trigger before the column, the function after.
CREATE TABLE pages (id integer PRIMARY KEY, body text);
