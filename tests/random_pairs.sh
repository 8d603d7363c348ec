#!/bin/bash
#
# random_pairs.sh - the change-pair round trip of corpus_run (migrate,
# upgrade, check, rows kept, downgrade -1, upgrade) on random pairs that
# tests/gen_pairs.py makes, on one dialect: the corpus holds the cases we
# thought of, these the combinations nobody wrote down.
#
# usage: tests/random_pairs.sh CORPUS_RUN sqlite|postgres|mariadb
#
# The pairs are the same from one run to the next: DBTOOL_RANDOM_PAIRS
# (default 40) pairs from the dialect's seed, or from DBTOOL_RANDOM_SEED.
# A failing pair is named changes/NNNN_seed_S: `tests/gen_pairs.py DIALECT
# S 1 DIR` writes it again into DIR/changes/.  DBTOOL_MIGRATE_ONLY selects
# pairs as in corpus_run.

set -euo pipefail

[ $# -eq 2 ] || {
	echo "usage: $0 CORPUS_RUN sqlite|postgres|mariadb" >&2
	exit 2
}
case "$2" in
sqlite) seed=1000 ;;
postgres) seed=2000 ;;
mariadb) seed=3000 ;;
*)
	echo "$0: unknown dialect '$2'" >&2
	exit 2
	;;
esac
seed=${DBTOOL_RANDOM_SEED:-$seed}
count=${DBTOOL_RANDOM_PAIRS:-40}
dir=$(mktemp -d "${TMPDIR:-/tmp}/dbtool-pairs.XXXXXX")
trap 'rm -rf "$dir"' EXIT

python3 "$(dirname "${BASH_SOURCE[0]}")/gen_pairs.py" "$2" "$seed" "$count" "$dir"
# A pattern that every pair matches: corpus_run then runs them all and
# leaves out the corpus's own minimum count.
DBTOOL_MIGRATE_ONLY=${DBTOOL_MIGRATE_ONLY:-.} "$1" migrate "$2" "$dir"
