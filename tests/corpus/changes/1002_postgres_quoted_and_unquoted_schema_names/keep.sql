SELECT id, total FROM "Sales"."Orders" ORDER BY id
SELECT id, total FROM sales."Orders" ORDER BY id
