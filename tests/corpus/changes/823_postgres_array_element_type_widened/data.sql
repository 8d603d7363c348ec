INSERT INTO series (id, points, labels) VALUES (1, '{1,2,3}', '{a,bb}');
