#!/bin/bash
#
# test_completion.sh - the bash completion (completions/dbtool.bash), on one
# dialect: commands, each command's options and the global ones, option
# values, the chain's revision ids for targets, read through the config
# named before the command; the zsh completion parses.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_completion.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

src=${DBTOOL_SOURCE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
exe=$(command -v "$DBTOOL")
# shellcheck source=/dev/null
. "$src/completions/dbtool.bash"

# complete_words "WORDS": the completions of the last word of WORDS (an
# empty one when WORDS is empty or ends with a blank), one per line, sorted.
complete_words() {
	local -a w
	read -r -a w <<<"$1"
	if [ -z "$1" ] || [ "${1: -1}" = " " ]; then
		w+=("")
	fi
	COMP_WORDS=("$exe" "${w[@]}")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_dbtool
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect_completes "WORDS" WANTED...: every WANTED is offered.
expect_completes() {
	local words=$1 w got
	shift
	got=$(complete_words "$words")
	for w in "$@"; do
		if grep -qxF -- "$w" <<<"$got"; then
			pass "completing '$words' offers '$w'"
		else
			fail "completing '$words' should offer '$w'" "$got"
		fi
	done
}

expect_not_completes() {
	local words=$1 w got
	shift
	got=$(complete_words "$words")
	for w in "$@"; do
		if grep -qxF -- "$w" <<<"$got"; then
			fail "completing '$words' should not offer '$w'" "$got"
		else
			pass "completing '$words' does not offer '$w'"
		fi
	done
}

expect_ok dbtool -q init
new_revision aaa111 "" "one" "CREATE TABLE a (id INTEGER);" "DROP TABLE a;" >/dev/null
new_revision bbb222 aaa111 "two" "CREATE TABLE b (id INTEGER);" "DROP TABLE b;" >/dev/null

# --- every command of 'dbtool --help', and only commands
for c in $("$exe" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p'); do
	expect_completes "$c" "$c"
done
expect_completes "up" upgrade
expect_not_completes "up" downgrade
expect_completes "" upgrade lint check
expect_completes "-" --config --url --format --version

# --- options: the command's own and the global ones
expect_completes "upgrade --s" --sql --single-transaction --statement-lock-timeout
expect_completes "history -" --rev-range --format
expect_completes "lint --" --format --rules --rebuild-rows
expect_completes "-q check --r" --roundtrip
expect_completes "migrate --" --safe --no-safe --no-input

# --- option values
expect_completes "--format " text json
expect_not_completes "--format " sarif
expect_completes "lint --format " sarif
expect_completes "-m " # a message: nothing to offer, and no failure
touch other.ini
expect_completes "-c oth" other.ini

# --- revision targets from the chain
expect_completes "upgrade " head base aaa111 bbb222
expect_completes "downgrade a" aaa111
expect_not_completes "downgrade a" bbb222
expect_completes "history -r " aaa111: bbb222:
# the chain of the config named before the command
mkdir -p elsewhere
(cd elsewhere && "$exe" -q init >/dev/null 2>&1)
new_revision ccc333 "" "other chain" "SELECT 1;" "SELECT 1;" >/dev/null
mv migrations/versions/ccc333_x.sql elsewhere/migrations/versions/
expect_completes "-c elsewhere/dbtool.ini show " ccc333
expect_not_completes "-c elsewhere/dbtool.ini show " aaa111

# --- the zsh completion parses
if command -v zsh >/dev/null 2>&1; then
	expect_ok zsh -n "$src/completions/_dbtool"
else
	fail "zsh is not installed (scripts/deps installs it): the zsh completion was not checked"
fi

finish
