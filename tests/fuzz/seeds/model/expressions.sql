CREATE TABLE prices (
	id BIGSERIAL PRIMARY KEY,
	amount NUMERIC(12, 2) NOT NULL DEFAULT 0.00 CHECK (amount >= -1.5e3 AND amount < 1e9),
	code CHAR(3) DEFAULT E'a\'b' COLLATE "C",
	raw BYTEA DEFAULT '\x00ff',
	body JSON DEFAULT '{"a": [1, 2]}',
	at TIMESTAMP(3) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
	ok BOOLEAN DEFAULT TRUE,
	tag VARCHAR DEFAULT $$dollar 'quoted'$$,
	CHECK (CASE WHEN ok THEN amount > 0 ELSE amount IS NULL END),
	CHECK (code::text ~ '^[A-Z]+$' OR code IS NULL)
);
CREATE INDEX prices_expr ON prices ((amount * 2) DESC, (coalesce(code, 'x'))) WHERE NOT ok;
