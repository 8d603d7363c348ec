-- Quoted names that differ only in case are one name to SQLite.
CREATE TABLE users (
	"Name" TEXT,
	"name" TEXT
);
