-- dialect: postgres
CREATE SEQUENCE order_no AS integer START WITH 10 MAXVALUE 100000;
CREATE TABLE orders (id integer PRIMARY KEY, no bigint DEFAULT nextval('order_no'));
