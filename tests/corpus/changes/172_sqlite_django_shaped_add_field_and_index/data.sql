INSERT INTO "polls_question" ("id", "question_text", "pub_date") VALUES (1, 'What''s new?', '2024-01-01 12:00:00');
INSERT INTO "polls_question" ("id", "question_text", "pub_date") VALUES (2, 'Tea or coffee?', '2024-02-01 08:00:00');
INSERT INTO "polls_choice" ("id", "choice_text", "votes", "question_id") VALUES (1, 'Not much', 0, 1);
INSERT INTO "polls_choice" ("id", "choice_text", "votes", "question_id") VALUES (2, 'Tea', 3, 2);
INSERT INTO "polls_choice" ("id", "choice_text", "votes", "question_id") VALUES (3, 'Coffee', 5, 2);
