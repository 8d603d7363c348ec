INSERT INTO logs (line) VALUES ('start');
