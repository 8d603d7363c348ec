#!/bin/bash
#
# test_docs.sh - the man page (doc/dbtool.1.scd), 'dbtool --help' with each
# command's --help, and README.md name the same commands, options and
# configuration keys, so that none of them documents what another lacks.
#
# usage: DBTOOL=build/cmd/dbtool DBTOOL_SOURCE_ROOT=. bash tests/docs/test_docs.sh

set -uo pipefail

src=${DBTOOL_SOURCE_ROOT:?}
exe=${DBTOOL:?}
man=$src/doc/dbtool.1.scd
readme=$src/README.md
passed=0
failed=0
n=0

ok() {
	n=$((n + 1))
	passed=$((passed + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

# in_file FILE TEXT WHAT: TEXT occurs in FILE.
in_file() {
	if grep -qF -- "$2" "$1"; then
		ok "$3 names $2"
	else
		not_ok "$3 should name $2"
	fi
}

# The sections of the man page, read once (no 'grep -q' at the end of a
# pipe, whose early exit would fail the pipe under pipefail).
man_commands=$(sed -n '/^# COMMANDS/,/^# CONFIGURATION/p' "$man")
man_config=$(sed -n '/^# CONFIGURATION/,/^# DATABASE URLS/p' "$man")

commands=$("$exe" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')
if [ -z "$commands" ]; then
	not_ok "dbtool --help lists no command"
fi
global_opts=$("$exe" --help | sed -n '/^Options/,/^$/p' | grep -o -- '--[a-z][a-z-]*' | sort -u)

# --- every command: in the man page's COMMANDS, in the README's table
for c in $commands; do
	if grep -q "^\*$c\*" <<<"$man_commands"; then
		ok "the man page documents the command $c"
	else
		not_ok "the man page should document the command $c (a line '*$c* ...' under COMMANDS)"
	fi
	if grep -q "^| \`$c[\` ]" "$readme"; then
		ok "README's commands table has $c"
	else
		not_ok "README's commands table should have a row for $c"
	fi
	# each option of the command's --help, in both documents
	for o in $("$exe" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u || true); do
		[ "$o" = --help ] && continue
		in_file "$man" "$o" "the man page"
		in_file "$readme" "$o" "README"
	done
done

# --- the man page's commands are all real
for c in $(sed -n 's/^\*\([a-z-]*\)\*.*/\1/p' <<<"$man_commands"); do
	if grep -qx -- "$c" <<<"$commands"; then
		ok "the man page's command $c is in dbtool --help"
	else
		not_ok "the man page documents $c, which dbtool --help does not list"
	fi
done

# --- global options
for o in $global_opts; do
	in_file "$man" "$o" "the man page"
	in_file "$readme" "$o" "README"
done

# --- configuration keys: every key the reader accepts
keys=$(sed -n '/key_names\[NKEYS\] = {/,/};/p' "$src/lib/config.c" | grep -o '"[a-z_]*"' | tr -d '"')
if [ -z "$keys" ]; then
	not_ok "no configuration key found in lib/config.c"
fi
for k in $keys; do
	if grep -q "^\*$k\*" <<<"$man_config"; then
		ok "the man page documents the key $k"
	else
		not_ok "the man page should document the configuration key $k"
	fi
	in_file "$readme" "$k" "README"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
