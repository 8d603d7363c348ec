INSERT INTO app.settings (name, value) VALUES ('theme', 'dark');
