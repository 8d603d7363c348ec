# bench/generators.sh - what the benchmarks run on, sourced by bench/run and
# bench/profile-runner: chains of revisions with their floors' scripts, and
# schemas of many tables as SQL and as a SQLAlchemy model.  Uses $here (the
# source tree) and $py (a python3 with Alembic, or empty).
#

# chain DIR N: a dbtool project in DIR whose chain has N revisions, the
# floors' scripts (floor-one-up.sql, floor-rev-up.sql and their downgrade
# twins) and, with Alembic, the same chain as Alembic revisions.  Step i
# of group k = (i - 1) / 5 is one of five kinds.
chain() {
	local dir=$1 n=$2
	mkdir -p "$dir/migrations/versions" "$dir/alembic/versions"
	cp "$here/migrations-template/script.sql.tmpl" "$dir/migrations/"
	printf '[dbtool]\nscript_location = migrations\n' >"$dir/dbtool.ini"
	: >"$dir/schema.sql"
	awk -v n="$n" -v dir="$dir" -v alembic="${py:+1}" '
	function up(i, k) {
		k = int((i - 1) / 5)
		if (i % 5 == 1) return "CREATE TABLE t" k " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, created TIMESTAMP);"
		if (i % 5 == 2) return "ALTER TABLE t" k " ADD COLUMN note VARCHAR(200);"
		if (i % 5 == 3) return "CREATE INDEX ix_t" k "_name ON t" k " (name);"
		if (i % 5 == 4) return "CREATE TABLE c" k " (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t" k " (id), qty INTEGER NOT NULL DEFAULT 0);"
		return "INSERT INTO t" k " (id, name) VALUES (1, '\''a'\''), (2, '\''b'\''), (3, '\''c'\'');\nINSERT INTO c" k " (id, t_id, qty) VALUES (1, 1, 5), (2, 2, 7);"
	}
	function down(i, k) {
		k = int((i - 1) / 5)
		if (i % 5 == 1) return "DROP TABLE t" k ";"
		if (i % 5 == 2) return "ALTER TABLE t" k " DROP COLUMN note;"
		if (i % 5 == 3) return "DROP INDEX ix_t" k "_name;"
		if (i % 5 == 4) return "DROP TABLE c" k ";"
		return "DELETE FROM c" k ";\nDELETE FROM t" k ";"
	}
	function id(i) { return sprintf("r%011d", i) }
	BEGIN {
		ver = "CREATE TABLE bench_version (version_num VARCHAR(32) NOT NULL);\nINSERT INTO bench_version VALUES ('\'''\'');\n"
		one_up = dir "/floor-one-up.sql"; rev_up = dir "/floor-rev-up.sql"
		one_down = dir "/floor-one-down.sql"; rev_down = dir "/floor-rev-down.sql"
		printf "%sBEGIN;\n", ver > one_up
		printf "%s", ver > rev_up
		printf "BEGIN;\n" > one_down
		for (i = 1; i <= n; i++) {
			f = dir "/migrations/versions/" id(i) "_step" i ".sql"
			printf "-- id: %s\n-- parent:%s\n-- message: step %d\n-- created: 2026-11-23T00:00:00Z\n\n", id(i), (i > 1 ? " " id(i - 1) : ""), i > f
			printf "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n", up(i), down(i) > f
			close(f)
			printf "%s\n", up(i) > one_up
			printf "BEGIN;\n%s\nUPDATE bench_version SET version_num = '\''%s'\'';\nCOMMIT;\n", up(i), id(i) > rev_up
			if (alembic) {
				f = dir "/alembic/versions/" id(i) ".py"
				printf "from alembic import op\nrevision = '\''%s'\''\ndown_revision = %s\n\n", id(i), (i > 1 ? "'\''" id(i - 1) "'\''" : "None") > f
				u = up(i); d = down(i)
				gsub(/\n/, "\")\n    op.execute(\"", u); gsub(/\n/, "\")\n    op.execute(\"", d)
				printf "def upgrade():\n    op.execute(\"%s\")\n\ndef downgrade():\n    op.execute(\"%s\")\n", u, d > f
				close(f)
			}
		}
		printf "UPDATE bench_version SET version_num = '\''%s'\'';\nCOMMIT;\n", id(n) > one_up
		for (i = n; i >= 1; i--) {
			printf "%s\n", down(i) > one_down
			printf "BEGIN;\n%s\nUPDATE bench_version SET version_num = '\''%s'\'';\nCOMMIT;\n", down(i), (i > 1 ? id(i - 1) : "") > rev_down
		}
		printf "UPDATE bench_version SET version_num = '\'''\'';\nCOMMIT;\n" > one_down
	}'
	if [ -n "$py" ]; then alembic_env "$dir/alembic" ""; fi
}

# alembic_env DIR MODEL: env.py and alembic.ini (the URL comes from the
# environment, BENCH_ALEMBIC_URL); MODEL names a module in DIR whose
# `metadata` autogenerate compares, or is empty.
alembic_env() {
	local dir=$1 model=$2
	{
		echo "import os, sys"
		# The schemas' foreign keys form one chain (each table references
		# the one before); SQLAlchemy walks it recursively when it reflects
		# and sorts the tables, past Python's default depth at 1,000 tables.
		echo "sys.setrecursionlimit(100000)"
		echo "sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))"
		echo "from alembic import context"
		echo "from sqlalchemy import create_engine"
		if [ -n "$model" ]; then echo "from $model import metadata"; else echo "metadata = None"; fi
		cat <<'PY'
engine = create_engine(os.environ["BENCH_ALEMBIC_URL"])
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
PY
	} >"$dir/env.py"
	mkdir -p "$dir/versions"
	cp "$(/usr/bin/python3 -c 'import alembic, os; print(os.path.dirname(alembic.__file__))')/templates/generic/script.py.mako" "$dir/"
	printf '[alembic]\nscript_location = %s\n' "$dir" >"$dir/alembic.ini"
}

# model N CHANGED (bench/model.sh): the declared model of N tables.
# shellcheck source=bench/model.sh
. "$(dirname "${BASH_SOURCE[0]}")/model.sh"

# sqla_model N CHANGED: the same model as SQLAlchemy tables.
sqla_model() {
	awk -v n="$1" -v changed="$2" 'BEGIN {
		print "from sqlalchemy import *"
		print "metadata = MetaData()"
		for (i = 1; i <= n; i++) {
			printf "Table(\"t%d\", metadata,\n    Column(\"id\", Integer, primary_key=True, autoincrement=False),\n", i
			printf "    Column(\"code\", String(40), nullable=False, unique=True),\n"
			printf "    Column(\"name\", String(100), nullable=False, index=True),\n"
			printf "    Column(\"qty\", Integer, CheckConstraint(\"qty >= 0\"), nullable=False, server_default=\"0\"),\n"
			printf "    Column(\"price\", Numeric(10, 2)),\n    Column(\"created\", DateTime),\n"
			printf "    Column(\"active\", Boolean, nullable=False, server_default=true()),\n"
			if (i <= changed) printf "    Column(\"note\", String(20)),\n"
			printf "    Column(\"parent_id\", Integer%s),\n", (i > 1 ? ", ForeignKey(\"t" (i - 1) ".id\")" : "")
			if (i % 2 == 0) printf "    Index(\"ix_t%d_created\", \"created\", \"qty\"),\n", i
			printf ")\n"
		}
	}'
}
