INSERT INTO regions (code, num, name) VALUES ('FR', 1, 'north');
INSERT INTO regions (code, num, name) VALUES ('FR', 2, 'south');
INSERT INTO regions (code, num, name) VALUES ('IT', 1, NULL);
INSERT INTO shops (id, region_code, region_num) VALUES (1, 'FR', 1);
INSERT INTO shops (id, region_code, region_num) VALUES (2, 'FR', 2);
INSERT INTO shops (id, region_code, region_num) VALUES (3, 'IT', 1);
INSERT INTO shops (id, region_code, region_num) VALUES (4, NULL, NULL);
