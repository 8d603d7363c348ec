SELECT id, planned::bigint FROM budgets ORDER BY id
