SELECT id, owner FROM app.accounts ORDER BY id
