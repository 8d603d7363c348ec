#!/bin/bash
#
# test_color.sh - colour, on one dialect: never when the output is not a
# terminal (files, pipes: what the other tests read), on a terminal unless
# NO_COLOR is set or TERM is dumb, and as --color=always|never says; the
# colours mark check's and migrate's +/-/~ lines, errors and warnings, and
# lint's levels; no colour code ever reaches text that is not a terminal's.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_color.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"

ESC=$(printf '\033')
exe=$(command -v "$DBTOOL")

expect_plain() {
	if grep -q "$ESC" "$OUT" "$ERR"; then
		fail "'$LAST_CMD' should print no colour code" "$(show_output | cat -v)"
	else
		pass "'$LAST_CMD' prints no colour code"
	fi
}

# on_terminal FILE CMD...: runs CMD with its output on a pseudo-terminal
# (script(1)), the output in FILE.
on_terminal() {
	local file=$1
	shift
	script -qec "$(printf '%q ' "$@")" /dev/null </dev/null >"$file" 2>&1
}

expect_ok dbtool -q init
echo 'CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT);' >schema.sql
expect_ok dbtool migrate -m one
expect_plain
expect_ok dbtool -q upgrade
echo 'CREATE TABLE u (id INTEGER PRIMARY KEY);' >schema.sql

# --- not a terminal: plain, whatever the output holds
expect_fail 1 dbtool check
expect_plain
expect_stdout_contains "+ table u"
expect_fail 2 dbtool upgarde
expect_plain

# --- --color=always: the lines and labels are coloured
expect_fail 1 dbtool --color=always check
expect_stdout_contains "${ESC}[32m+ table u${ESC}[0m"
expect_stdout_contains "${ESC}[31m- table t${ESC}[0m"
expect_fail 2 dbtool --color always upgarde
expect_stderr_contains "dbtool: ${ESC}[1;31merror${ESC}[0m: unknown command 'upgarde'"

# --- on a terminal: coloured by default, not with NO_COLOR, TERM=dumb or --color=never
if command -v script >/dev/null 2>&1; then
	on_terminal "$WORK/tty.out" env TERM=xterm "$exe" check
	grep -qF "${ESC}[32m+ table u" "$WORK/tty.out" && pass "a terminal gets colour" ||
		fail "a terminal should get colour" "$(cat -v "$WORK/tty.out")"
	on_terminal "$WORK/tty.out" env TERM=xterm NO_COLOR=1 "$exe" check
	! grep -q "$ESC" "$WORK/tty.out" && pass "NO_COLOR turns colour off" ||
		fail "NO_COLOR should turn colour off" "$(cat -v "$WORK/tty.out")"
	on_terminal "$WORK/tty.out" env TERM=dumb "$exe" check
	! grep -q "$ESC" "$WORK/tty.out" && pass "TERM=dumb gets no colour" ||
		fail "TERM=dumb should get no colour" "$(cat -v "$WORK/tty.out")"
	on_terminal "$WORK/tty.out" env TERM=xterm "$exe" --color=never check
	! grep -q "$ESC" "$WORK/tty.out" && pass "--color=never turns colour off" ||
		fail "--color=never should turn colour off" "$(cat -v "$WORK/tty.out")"
else
	fail "script(1) (util-linux) is missing: the terminal cases did not run"
fi

expect_ok dbtool migrate -m two --color=always
expect_stderr_contains "${ESC}[32m+ table u${ESC}[0m"

# --- a name's own escape characters stay escaped, coloured or not
expect_ok dbtool -q upgrade
printf 'CREATE TABLE "x%s[2J" (id INTEGER PRIMARY KEY);\n' "$ESC" >schema.sql
expect_fail 1 dbtool --color=always check
expect_stdout_contains 'x\x1b[2J'
if grep -q "${ESC}\[2J" "$OUT"; then
	fail "a name's escape reached the terminal raw" "$(show_output | cat -v)"
else
	pass "a name's escape is printed escaped"
fi
expect_fail 2 dbtool --color=sometimes check
expect_stderr_contains "unknown --color value 'sometimes' (expected auto, always or never)"

finish
