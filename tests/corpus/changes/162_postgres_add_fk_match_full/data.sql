INSERT INTO regions (country, code) VALUES ('FR', 'IDF');
INSERT INTO regions (country, code) VALUES ('FR', 'PACA');
INSERT INTO offices (id, country, region) VALUES (1, 'FR', 'IDF');
INSERT INTO offices (id, country, region) VALUES (2, NULL, NULL);
