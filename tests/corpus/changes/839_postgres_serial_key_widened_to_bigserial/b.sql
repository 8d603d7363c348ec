-- dialect: postgres
-- SERIAL to BIGSERIAL: the column and its sequence widen.
CREATE TABLE logs (id bigserial PRIMARY KEY, line text);
