INSERT INTO settings (name, value) VALUES ('theme', 'dark');
