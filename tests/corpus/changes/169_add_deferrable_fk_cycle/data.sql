INSERT INTO teams (id, name, captain_id) VALUES (1, 'red', 10);
INSERT INTO teams (id, name, captain_id) VALUES (2, 'blue', NULL);
INSERT INTO players (id, team_id, name) VALUES (10, 1, 'ann');
INSERT INTO players (id, team_id, name) VALUES (20, 2, 'bob');
