INSERT INTO "say ""hi""" (id, "it""s") VALUES (1, 'one''s');
INSERT INTO "say ""hi""" (id, "it""s") VALUES (2, 'two');
