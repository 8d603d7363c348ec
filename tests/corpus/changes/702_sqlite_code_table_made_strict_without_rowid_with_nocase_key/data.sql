INSERT INTO codes (code, label, weight) VALUES ('AB', 'alpha', 1);
INSERT INTO codes (code, label, weight) VALUES ('cd', 'charlie', 2);
