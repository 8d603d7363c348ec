-- BIGINT, as a primary key and as a plain column.
CREATE TABLE events (
	id BIGINT PRIMARY KEY,
	payload_size BIGINT,
	sequence BIGINT NOT NULL
);
