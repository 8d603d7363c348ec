-- dialect: postgres
CREATE TABLE orders (id integer PRIMARY KEY, state text DEFAULT 'pending');
