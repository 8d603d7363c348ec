CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	name VARCHAR(40) NOT NULL
);

CREATE TABLE "user" (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	"order" INTEGER NOT NULL DEFAULT 0,
	"desc" TEXT
);

CREATE INDEX "ix user order" ON "user" (account_id, "order");
