#!/usr/bin/env bash
# bench/upgrade.sh - how close `dbtool upgrade` comes to the floor: the same
# SQL (what `dbtool upgrade --sql` prints: every revision's statements,
# transactions and version updates) fed to sqlite3 / psql directly.  Also
# times loading a long chain (`dbtool history`), and Alembic running the
# same revisions when python3-alembic is installed.
#
#   bench/upgrade.sh [REVISIONS]      (default 300)
#
# Prints one line per measurement and a ratio against the floor; run it on
# a quiet machine, several times, and compare ratios rather than seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dbtool=${DBTOOL:-$here/build/cmd/dbtool}
n=${1:-300}
[ -x "$dbtool" ] || { echo "bench: build first (ninja -C build): $dbtool missing" >&2; exit 1; }

work=$(mktemp -d)
pg_dir=""
cleanup() {
	[ -n "$pg_dir" ] && "$here/scripts/pg-cluster" stop "$pg_dir" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.6f", a - b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# A chain of n revisions: each creates a table, an index and a few rows.
make_chain() {
	local dir=$1 parent="" i id
	mkdir -p "$dir/migrations/versions"
	cp "$here/migrations-template/script.sql.tmpl" "$dir/migrations/"
	for ((i = 1; i <= n; i++)); do
		id=$(printf 'r%011d' "$i")
		cat >"$dir/migrations/versions/${id}_t$i.sql" <<SQL
-- id: $id
-- parent: $parent
-- message: table $i
-- created: 2026-11-23T00:00:00Z

-- migrate:upgrade
CREATE TABLE t$i (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, v INTEGER);
CREATE INDEX ix_t${i}_v ON t$i (v);
INSERT INTO t$i (id, name, v) VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3);

-- migrate:downgrade
DROP TABLE t$i;
SQL
		parent=$id
	done
}

bench_sqlite() {
	local d=$work/sqlite t0 tool floor
	make_chain "$d"
	cd "$d"
	"$dbtool" -u sqlite:///floor.db upgrade --sql >upgrade.sql
	t0=$(now); "$dbtool" -q -u sqlite:///app.db upgrade; tool=$(elapsed "$t0")
	t0=$(now); sqlite3 floor.db <upgrade.sql >/dev/null; floor=$(elapsed "$t0")
	printf 'sqlite   upgrade %4d revisions: dbtool %.3fs, sqlite3 %.3fs, ratio %s\n' \
		"$n" "$tool" "$floor" "$(ratio "$tool" "$floor")"
	sqlite_tool=$tool sqlite_floor=$floor
	t0=$(now); "$dbtool" -u sqlite:///app.db history >/dev/null; tool=$(elapsed "$t0")
	printf 'chain    load %4d revisions (history): %.3fs\n' "$n" "$tool"
	py=""
	for candidate in python3 /usr/bin/python3; do
		if "$candidate" -c 'import alembic' 2>/dev/null; then py=$candidate; break; fi
	done
	if [ -n "$py" ]; then
		bench_alembic "$d"
	else
		echo "alembic  not installed (apt-get install python3-alembic to compare)"
	fi
}

# Alembic, same SQL per revision through op.execute, same SQLite.
bench_alembic() {
	local d=$1/alembic t0 tool i id parent=None
	mkdir -p "$d/versions"
	cat >"$d/env.py" <<'PY'
from alembic import context
from sqlalchemy import create_engine
engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
PY
	printf '[alembic]\nscript_location = %s\nsqlalchemy.url = sqlite:///%s/alembic.db\n' "$d" "$d" >"$d/alembic.ini"
	for ((i = 1; i <= n; i++)); do
		id=$(printf 'r%011d' "$i")
		cat >"$d/versions/${id}.py" <<PY
from alembic import op
revision = '$id'
down_revision = $parent
def upgrade():
    op.execute("CREATE TABLE t$i (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, v INTEGER)")
    op.execute("CREATE INDEX ix_t${i}_v ON t$i (v)")
    op.execute("INSERT INTO t$i (id, name, v) VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)")
def downgrade():
    op.execute("DROP TABLE t$i")
PY
		parent="'$id'"
	done
	t0=$(now); "$py" -m alembic -c "$d/alembic.ini" upgrade head >/dev/null 2>&1; tool=$(elapsed "$t0")
	printf 'alembic  upgrade %4d revisions: %.3fs, ratio to sqlite3 %s, to dbtool %s\n' \
		"$n" "$tool" "$(ratio "$tool" "$sqlite_floor")" "$(ratio "$tool" "$sqlite_tool")"
}

bench_postgres() {
	local d=$work/pg t0 tool floor url
	pg_dir=$(mktemp -d /tmp/dbtool-bench-pg.XXXXXX)
	"$here/scripts/pg-cluster" start "$pg_dir" >/dev/null
	url=$("$here/scripts/pg-cluster" url "$pg_dir")
	psql -q "$url" -c 'CREATE DATABASE bench_tool' -c 'CREATE DATABASE bench_floor'
	make_chain "$d"
	cd "$d"
	"$dbtool" -u "${url/\/postgres\?//bench_floor?}" upgrade --sql >upgrade.sql
	t0=$(now); "$dbtool" -q -u "${url/\/postgres\?//bench_tool?}" upgrade; tool=$(elapsed "$t0")
	t0=$(now); psql -q -v ON_ERROR_STOP=1 "${url/\/postgres\?//bench_floor?}" -f upgrade.sql >/dev/null; floor=$(elapsed "$t0")
	printf 'postgres upgrade %4d revisions: dbtool %.3fs, psql %.3fs, ratio %s\n' \
		"$n" "$tool" "$floor" "$(ratio "$tool" "$floor")"
}

bench_sqlite
bench_postgres
