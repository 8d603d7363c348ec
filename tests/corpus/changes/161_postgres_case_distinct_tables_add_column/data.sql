INSERT INTO "Users" ("Id", "Name") VALUES (1, 'Upper Ann');
INSERT INTO users (id, name) VALUES (1, 'lower ann');
INSERT INTO users (id, name) VALUES (2, 'lower bob');
