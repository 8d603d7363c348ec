INSERT INTO translations (locale, msgid, msgstr) VALUES ('fr', 'hello', 'bonjour');
INSERT INTO translations (locale, msgid, msgstr) VALUES ('pt_BR', 'hello', 'ola');
