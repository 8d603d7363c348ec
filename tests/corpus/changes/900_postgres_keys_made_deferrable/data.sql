INSERT INTO seats (id, row_no, seat_no) VALUES (1, 1, 1);
INSERT INTO seats (id, row_no, seat_no) VALUES (2, 1, 2);
INSERT INTO seats (id, row_no, seat_no) VALUES (3, 2, 1);
