-- dialect: postgres
CREATE TABLE orders (id integer PRIMARY KEY, qty smallint NOT NULL, code varchar(8));
