SELECT count(*) FROM drafts
SELECT id, name FROM authors ORDER BY id
