CREATE TABLE invoices (
	id INTEGER PRIMARY KEY,
	number VARCHAR(20) NOT NULL UNIQUE
);

CREATE TABLE invoice_notes (
	id INTEGER PRIMARY KEY,
	invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
	note TEXT NOT NULL
);

CREATE INDEX ix_invoice_notes_invoice ON invoice_notes (invoice_id);
