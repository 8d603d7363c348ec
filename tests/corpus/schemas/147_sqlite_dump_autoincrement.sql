-- only: sqlite
-- What `sqlite3 db .schema` prints for tables made by ALTER TABLE and
-- AUTOINCREMENT: "IF NOT EXISTS" tables, the sqlite_sequence table, an
-- added column at the end of its table's text.
CREATE TABLE IF NOT EXISTS "jobs" (
	"id"	INTEGER PRIMARY KEY AUTOINCREMENT,
	"queue"	TEXT NOT NULL DEFAULT 'default',
	"payload"	TEXT NOT NULL,
	"attempts"	INTEGER NOT NULL DEFAULT 0,
	"run_at"	DATETIME
);
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE IF NOT EXISTS "failed_jobs" (
	"id"	INTEGER PRIMARY KEY AUTOINCREMENT,
	"job_id"	INTEGER,
	"error"	TEXT,
	FOREIGN KEY("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL
, failed_at DATETIME);
CREATE INDEX "jobs_queue_run_at" ON "jobs" (
	"queue",
	"run_at"
);
