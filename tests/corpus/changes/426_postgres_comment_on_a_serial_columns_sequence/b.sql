-- only: postgres
-- A new table whose SERIAL column's sequence, which PostgreSQL names
-- TABLE_COLUMN_seq, carries a comment.
CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);
CREATE TABLE public.tag_uses (id SERIAL PRIMARY KEY, tag_id INTEGER REFERENCES tags (id));
COMMENT ON SEQUENCE public.tag_uses_id_seq IS 'one number per use';
