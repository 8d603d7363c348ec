-- dialect: postgres
-- bit and bit varying with and without lengths, defaults as B'...' and
-- X'...' literals, and a CHECK on a bit operation.
CREATE TABLE permissions (
	id integer PRIMARY KEY,
	one bit,
	mask bit(8) NOT NULL DEFAULT B'00000000',
	wide bit(16) DEFAULT X'00FF',
	free bit varying,
	short varbit(4) DEFAULT B'1',
	CHECK ((mask & B'10000000') = B'00000000')
);
