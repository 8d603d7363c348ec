#!/bin/bash
#
# test_password.sh - passwords holding each of @ / : ? # [ ] % and a space,
# written in the URL percent-encoded and as they are: the password never
# shows in any output, whether the URL is malformed, the connection fails
# or it works; and on PostgreSQL (a role) and MariaDB (a user), an account
# with such a password connects wherever the URL is valid.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_password.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"
expect_ok dbtool -q init

# The password is "Qz7<c>Kx9": neither half may show.
expect_no_secret() {
	if grep -qF -e Qz7 -e Kx9 "$OUT" "$ERR"; then
		fail "$LAST_CMD: shows (part of) the password" "$(show_output)"
	else
		pass "$LAST_CMD: shows no part of the password"
	fi
}

# Percent-encodes every byte but letters and digits.
encode() {
	local s=$1 i c out=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case "$c" in
		[A-Za-z0-9]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

chars=('@' '/' ':' '?' '#' '[' ']' '%' ' ')
nosock=$WORK/no-such-socket-folder

# --- on both dialects: URLs that cannot connect, and URLs with no '@'
for c in "${chars[@]}"; do
	pw="Qz7${c}Kx9"
	for given in "$pw" "$(encode "$pw")"; do
		# No server there: the connection fails, naming no password.
		expect_fail 1 dbtool --url "postgresql://u:${given}@/d?host=$nosock&port=5" current
		expect_error_line
		expect_no_secret
		expect_fail 1 dbtool --url "postgresql://u:${given}@localhost:1/d?connect_timeout=5" current
		expect_no_secret
		# No '@': "u:..." reads as a host and a port.
		if [ "$c" != '@' ]; then
			for url in "postgresql://u:${given}/d" "postgresql://u:${given}" "sqlite://u:${given}/a.db"; do
				expect_fail 1 dbtool --url "$url" current
				expect_error_line
				expect_no_secret
			done
		fi
	done
done
# The same URL from dbtool.ini and from DATABASE_URL.
printf '[dbtool]\nurl = postgresql://u:Qz7/Kx9/d\n' >bad.ini
expect_fail 1 dbtool -c bad.ini --url "" current
expect_no_secret
saved=$DATABASE_URL
unset DATABASE_URL
expect_fail 1 dbtool -c bad.ini current
expect_error_line
expect_no_secret
export DATABASE_URL="postgresql://u:Qz7?Kx9"
expect_fail 1 dbtool upgrade
expect_error_line
expect_no_secret
export DATABASE_URL=$saved

# --- on PostgreSQL: a role per password, which connects
if [ "$DIALECT" = postgres ]; then
	dbname=${TEST_URL#*@/}
	dbname=${dbname%%\?*}
	query=${TEST_URL#*\?}
	n=0
	for c in "${chars[@]}"; do
		n=$((n + 1))
		pw="Qz7${c}Kx9"
		role=dbtool_pw_$$_$n
		if psql "$DBTOOL_TEST_PG_URL" -X -q -v ON_ERROR_STOP=1 \
			-c "CREATE ROLE $role LOGIN PASSWORD '$pw'" >"$ERR" 2>&1 </dev/null; then
			pass "role $role exists"
		else
			fail "cannot create role $role" "$(cat "$ERR")"
			continue
		fi
		for given in "$pw" "$(encode "$pw")"; do
			url="postgresql://$role:${given}@/$dbname?$query"
			if [ "$c" = '%' ] && [ "$given" = "$pw" ]; then
				# A bare '%' is no valid percent-encoding.
				expect_fail 1 dbtool --url "$url" current
				expect_stderr_contains "invalid percent-encoding in the password"
			else
				expect_ok dbtool --url "$url" current
				expect_stdout_eq ""
				expect_ok dbtool --url "$url" -v history
			fi
			expect_no_secret
			# The wrong password fails, showing neither.
			expect_fail 1 dbtool --url "postgresql://$role:${given}x@/$dbname?$query" current
			expect_error_line
			expect_no_secret
		done
		psql "$DBTOOL_TEST_PG_URL" -X -q -c "DROP ROLE $role" >/dev/null 2>&1 </dev/null
	done
fi

# --- on MariaDB: mysql:// URLs that cannot connect, then a user per
# password, which connects
if [ "$DIALECT" = mariadb ]; then
	query=${TEST_URL#*\?}
	n=0
	for c in "${chars[@]}"; do
		n=$((n + 1))
		pw="Qz7${c}Kx9"
		for given in "$pw" "$(encode "$pw")"; do
			expect_fail 1 dbtool --url "mysql://u:${given}@localhost/d?unix_socket=$nosock/mysqld.sock" current
			expect_error_line
			expect_no_secret
		done
		user=dbtool_pw_$$_$n
		if my_sql "" "CREATE USER '$user'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL ON \`$MY_DATABASE\`.* TO '$user'@'localhost'" >"$ERR" 2>&1; then
			pass "user $user exists"
		else
			fail "cannot create user $user" "$(cat "$ERR")"
			continue
		fi
		for given in "$pw" "$(encode "$pw")"; do
			url="mysql://$user:${given}@localhost/$MY_DATABASE?$query"
			if [ "$c" = '%' ] && [ "$given" = "$pw" ]; then
				# A bare '%' is no valid percent-encoding.
				expect_fail 1 dbtool --url "$url" current
				expect_stderr_contains "invalid percent-encoding in the password"
			else
				expect_ok dbtool --url "$url" current
				expect_stdout_eq ""
				expect_ok dbtool --url "$url" -v history
			fi
			expect_no_secret
			# The wrong password fails, showing neither.
			expect_fail 1 dbtool --url "mysql://$user:${given}x@localhost/$MY_DATABASE?$query" current
			expect_error_line
			if [ "$c" != '%' ] || [ "$given" != "$pw" ]; then
				expect_stderr_contains "Access denied for user '$user'"
			fi
			expect_no_secret
		done
		my_sql "" "DROP USER '$user'@'localhost'" >/dev/null 2>&1
	done
fi

finish
