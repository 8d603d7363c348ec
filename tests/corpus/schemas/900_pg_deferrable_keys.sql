-- dialect: postgres
-- Primary keys and unique constraints that are checked at the end of the
-- transaction (DEFERRABLE), or may be (INITIALLY IMMEDIATE), as column and
-- as table constraints, beside a deferrable foreign key (which may not
-- reference a deferrable key).
CREATE TABLE boards (
	id integer PRIMARY KEY,
	title text NOT NULL
);

CREATE TABLE slots (
	id integer PRIMARY KEY DEFERRABLE INITIALLY DEFERRED,
	position integer NOT NULL UNIQUE DEFERRABLE,
	code text UNIQUE NOT DEFERRABLE
);

CREATE TABLE ranks (
	board integer NOT NULL,
	place integer NOT NULL,
	player text NOT NULL,
	note text,
	CONSTRAINT ranks_pkey PRIMARY KEY (board, place) DEFERRABLE INITIALLY IMMEDIATE,
	CONSTRAINT ranks_player_key UNIQUE (board, player) INCLUDE (note) INITIALLY DEFERRED,
	CONSTRAINT ranks_board_fkey FOREIGN KEY (board) REFERENCES boards (id) DEFERRABLE
);
