CREATE TABLE prices (amount int, ok bool);
CREATE INDEX prices_expr ON prices ((amount * 2) + DESC) WHERE NOT ok;
