SELECT id, number, amount, discount FROM billing.invoices ORDER BY id
