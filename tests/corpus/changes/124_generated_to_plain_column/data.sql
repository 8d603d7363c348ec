INSERT INTO people (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace');
INSERT INTO people (id, first_name, last_name) VALUES (2, 'Alan', 'Turing');
