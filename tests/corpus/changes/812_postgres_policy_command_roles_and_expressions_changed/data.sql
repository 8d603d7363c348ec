INSERT INTO messages (id, body) VALUES (1, 'hi');
