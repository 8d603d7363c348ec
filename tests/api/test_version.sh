#!/bin/bash
#
# test_version.sh - the version that dbtool prints, and that the library
# and its header carry, is the project version of meson.build: there is
# no second copy of it to forget when the version changes.
#
# usage: test_version.sh DBTOOL VERSION
# (meson runs it as the test 'version', VERSION being meson.project_version())

set -uo pipefail

dbtool=$1
version=$2
status=0

check() { # what, got, want
	if [ "$2" = "$3" ]; then
		echo "ok: $1: $2"
	else
		echo "FAIL: $1 is '$2', not '$3'"
		status=1
	fi
}

check "dbtool --version" "$("$dbtool" --version)" "dbtool $version"
check "dbtool current --version" "$("$dbtool" current --version)" "dbtool $version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$dbtool" -q init >/dev/null) || { echo "FAIL: dbtool init"; status=1; }
sarif=$(cd "$work" && "$dbtool" -q --url sqlite:// lint --format sarif)
check "the SARIF driver version of dbtool lint" \
	"$(grep -o '"name": "dbtool", "version": "[^"]*"' <<<"$sarif" | sed 's/.*"version": "//; s/"$//')" \
	"$version"
exit "$status"
