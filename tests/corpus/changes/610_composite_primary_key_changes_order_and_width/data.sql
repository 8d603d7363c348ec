INSERT INTO memberships (group_id, user_id, role) VALUES (1, 1, 'owner');
INSERT INTO memberships (group_id, user_id, role) VALUES (1, 2, 'member');
INSERT INTO memberships (group_id, user_id, role) VALUES (2, 1, 'member');
