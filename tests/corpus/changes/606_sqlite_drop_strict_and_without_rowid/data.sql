INSERT INTO kv (k, v) VALUES ('a', X'01');
INSERT INTO kv (k, v) VALUES ('b', NULL);
INSERT INTO counters (id, n) VALUES (1, 5);
