-- dialect: postgres
-- The sequence becomes bigint with no upper bound,
-- before, steps by 10 and caches 5: ALTER SEQUENCE, its value kept.
CREATE SEQUENCE order_no AS bigint START WITH 10 INCREMENT BY 10 CACHE 5;
CREATE TABLE orders (id integer PRIMARY KEY, no bigint DEFAULT nextval('order_no'));
