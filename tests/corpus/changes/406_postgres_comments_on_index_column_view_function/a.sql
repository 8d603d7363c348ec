-- only: postgres
CREATE TABLE items (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	price NUMERIC(10,2)
);
CREATE INDEX items_name_idx ON items (name);
COMMENT ON TABLE items IS 'things we sell';
