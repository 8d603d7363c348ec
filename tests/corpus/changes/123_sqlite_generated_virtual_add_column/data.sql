INSERT INTO boxes (id, w, h) VALUES (1, 2.0, 3.5);
INSERT INTO boxes (id, w, h) VALUES (2, 1.0, 1.0);
