SELECT name, value FROM app.settings ORDER BY name
