CREATE TABLE line_items (
	id INTEGER PRIMARY KEY,
	sku VARCHAR(20) NOT NULL,
	qty INTEGER NOT NULL,
	status VARCHAR(10) NOT NULL DEFAULT 'open',
	CONSTRAINT ck_line_items_status CHECK (status IN ('open', 'closed', 'void'))
);
