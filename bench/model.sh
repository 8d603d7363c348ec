# bench/model.sh - the schema that bench/run and bench/profile measure
# check and migrate on; sourced by both, so that the profile is of the
# very schema the table times.

# model N CHANGED: the declared model of N tables; the first CHANGED of
# them have one more column than the database.
model() {
	awk -v n="$1" -v changed="$2" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "CREATE TABLE t%d (\n    id INTEGER NOT NULL PRIMARY KEY,\n    code VARCHAR(40) NOT NULL UNIQUE,\n", i
			printf "    name VARCHAR(100) NOT NULL,\n    qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0),\n"
			printf "    price NUMERIC(10,2),\n    created TIMESTAMP,\n    active BOOLEAN NOT NULL DEFAULT TRUE,\n"
			if (i <= changed) printf "    note VARCHAR(20),\n"
			printf "    parent_id INTEGER%s\n);\n", (i > 1 ? " REFERENCES t" (i - 1) " (id)" : "")
			printf "CREATE INDEX ix_t%d_name ON t%d (name);\n", i, i
			if (i % 2 == 0) printf "CREATE INDEX ix_t%d_created ON t%d (created, qty);\n", i, i
		}
	}'
}
