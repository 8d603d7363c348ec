-- only: postgres
-- The domain allows zero and gets a named check and a default: DROP
-- DOMAIN would refuse while columns use it, so it is made again under its
-- name and the columns take it; the view on the table goes around it.
CREATE DOMAIN quantity AS integer DEFAULT 0 CONSTRAINT quantity_not_negative CHECK (VALUE >= 0);
CREATE TABLE order_lines (
	id INTEGER PRIMARY KEY,
	qty quantity NOT NULL,
	backorder quantity
);
CREATE VIEW big_lines AS SELECT id, qty FROM order_lines WHERE qty > 10;
