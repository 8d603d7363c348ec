-- Unquoted names in any case fold to lower case, as PostgreSQL folds them,
-- and quoting a lower-case name changes nothing.
CREATE TABLE Clients (
	ID INTEGER PRIMARY KEY,
	FullName VARCHAR(80) NOT NULL,
	"email" VARCHAR(120)
);

CREATE INDEX IX_Clients_FullName ON CLIENTS (FULLNAME);
CREATE TABLE "invoices" (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES clients (Id)
);
