INSERT INTO words (word, lang) VALUES ('red', 'en');
INSERT INTO words (word, lang) VALUES ('rot', 'de');
INSERT INTO uses (id, word, lang, note) VALUES (1, 'red', 'en', NULL);
INSERT INTO uses (id, word, lang, note) VALUES (2, 'rot', 'de', NULL);
