-- dialect: postgres
CREATE TABLE rooms (
	id integer NOT NULL,
	code text NOT NULL,
	floor integer NOT NULL,
	EXCLUDE (code WITH =)
);
