-- dialect: postgres
-- The column becomes an enum that lacks the old default's value, and
-- loses the default: the default goes before the type changes, and the
-- downgrade sets it again only once the column is text again.
CREATE TYPE order_state AS ENUM ('open', 'shipped');
CREATE TABLE orders (id integer PRIMARY KEY, state order_state);
