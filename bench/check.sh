#!/usr/bin/env bash
# bench/check.sh - what `dbtool check` costs on a large schema, against the
# floor of reading that schema with the database's own client
# (`sqlite3 .schema`, `pg_dump --schema-only`): with nothing to do, and
# with 20 tables whose model differs from the database (each then built in
# the scratch database).
#
#   bench/check.sh [TABLES] [sqlite|postgres ...]   (default 1000, both)
#
# Environment:
#   DBTOOL           the binary to measure (default build/cmd/dbtool)
#   DBTOOL_BASELINE  another dbtool binary (an older build) to measure
#                    alongside: its times and the ratio to it are printed
#   BENCH_RUNS       runs per measurement, the median is kept (default 5)
#
# Prints one line per measurement with the median time and its ratio to
# the floor; run it on a quiet machine and compare ratios, not seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dbtool=${DBTOOL:-$here/build/cmd/dbtool}
baseline=${DBTOOL_BASELINE:-}
runs=${BENCH_RUNS:-5}
tables=1000
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
	tables=$1
	shift
fi
dialects=("$@")
[ "${#dialects[@]}" -gt 0 ] || dialects=(sqlite postgres)
[ -x "$dbtool" ] || { echo "bench: build first (ninja -C build): $dbtool missing" >&2; exit 1; }
[ -z "$baseline" ] || [ -x "$baseline" ] || { echo "bench: DBTOOL_BASELINE '$baseline' is not executable" >&2; exit 1; }

work=$(mktemp -d)
pg_dir=""
cleanup() {
	[ -n "$pg_dir" ] && "$here/scripts/pg-cluster" stop "$pg_dir" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# median CMD...: the median wall time of `runs` runs of CMD (its output
# and status ignored: check exits 1 when it finds changes).
median() {
	local i t0 times=()
	for ((i = 0; i < runs; i++)); do
		t0=$(now)
		"$@" >/dev/null 2>&1 || true
		times+=("$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.6f", a - b }')")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# model N CHANGED: a schema of N tables of eight columns, a primary key,
# a unique constraint, one or two indexes, a CHECK and a default, and a
# foreign key to an earlier table; the first CHANGED tables get one more
# column (so the differ finds them different and each is built in the
# scratch database).
model() {
	local n=$1 changed=$2 i extra
	for ((i = 1; i <= n; i++)); do
		extra=""
		if [ "$i" -le "$changed" ]; then
			extra="    note VARCHAR(20),"$'\n'
		fi
		cat <<SQL
CREATE TABLE t$i (
    id INTEGER NOT NULL PRIMARY KEY,
    code VARCHAR(40) NOT NULL UNIQUE,
    name VARCHAR(100) NOT NULL,
    qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0),
    price NUMERIC(10,2),
    created TIMESTAMP,
    active BOOLEAN NOT NULL DEFAULT TRUE,
$extra    parent_id INTEGER$([ "$i" -gt 1 ] && echo " REFERENCES t$((i - 1)) (id)")
);
CREATE INDEX ix_t${i}_name ON t$i (name);
SQL
		if [ $((i % 2)) = 0 ]; then
			echo "CREATE INDEX ix_t${i}_created ON t$i (created, qty);"
		fi
	done
}

# expect_status N CMD...: CMD must exit N, else the bench measures a failure.
expect_status() {
	local want=$1 got=0
	shift
	"$@" >"$work/out" 2>&1 || got=$?
	if [ "$got" != "$want" ]; then
		echo "bench: '$*' exited $got, not $want:" >&2
		head -5 "$work/out" >&2
		exit 1
	fi
}

# report NAME FLOOR_NAME FLOOR_TIME CMD...
report() {
	local name=$1 floor_name=$2 floor=$3 tool base line
	shift 3
	tool=$(median "$@")
	line=$(printf '%-8s %-34s dbtool %.3fs, %s %.3fs, ratio %s' "$dialect" "$name" "$tool" \
		"$floor_name" "$floor" "$(ratio "$tool" "$floor")")
	if [ -n "$baseline" ]; then
		base=$(median "$baseline" "${@:2}")
		line+=$(printf ', baseline %.3fs, ratio to baseline %s' "$base" "$(ratio "$tool" "$base")")
	fi
	echo "$line"
}

bench_dialect() {
	local d=$work/$dialect url floor
	mkdir -p "$d"
	cd "$d"
	"$dbtool" -q init >/dev/null
	model "$tables" 0 >schema.sql
	model "$tables" 20 >changed.sql
	if [ "$dialect" = sqlite ]; then
		url=sqlite:///app.db
		"$dbtool" -q -u "$url" create-all >/dev/null
		floor=$(median sqlite3 app.db .schema)
		floor_name="sqlite3 .schema"
	else
		if [ -z "$pg_dir" ]; then
			pg_dir=$(mktemp -d /tmp/dbtool-bench-pg.XXXXXX)
			"$here/scripts/pg-cluster" start "$pg_dir" >/dev/null
		fi
		url=$("$here/scripts/pg-cluster" url "$pg_dir")
		psql -q "$url" -c 'SET client_min_messages = warning' -c 'DROP DATABASE IF EXISTS bench_check' -c 'CREATE DATABASE bench_check'
		url=${url/\/postgres\?//bench_check?}
		"$dbtool" -q -u "$url" create-all >/dev/null
		floor=$(median pg_dump --schema-only "$url")
		floor_name="pg_dump -s"
	fi
	expect_status 0 "$dbtool" -u "$url" check
	report "check, $tables tables, no change" "$floor_name" "$floor" \
		"$dbtool" -u "$url" check
	cp changed.sql schema.sql.new
	mv schema.sql schema.sql.same
	mv schema.sql.new schema.sql
	expect_status 1 "$dbtool" -u "$url" check
	report "check, $tables tables, 20 changed" "$floor_name" "$floor" \
		"$dbtool" -u "$url" check
	mv schema.sql.same schema.sql
}

for dialect in "${dialects[@]}"; do
	case "$dialect" in
	sqlite | postgres) bench_dialect ;;
	*) echo "bench: unknown database '$dialect' (sqlite or postgres)" >&2; exit 2 ;;
	esac
done
