INSERT INTO events (name) VALUES ('launch');
INSERT INTO event_tags (event_id, tag) VALUES (1, 'big');
