INSERT INTO tags (id, name) VALUES (1, 'Rust');
INSERT INTO tags (id, name) VALUES (2, 'go');
