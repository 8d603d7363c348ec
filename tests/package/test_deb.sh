#!/bin/bash
#
# test_deb.sh - the Debian packages: builds dbtool, libdbtool0 and
# libdbtool-dev with 'dpkg-buildpackage -us -uc -b' from a copy of the
# source tree (never inside it), checks what each package holds, installs
# them, and runs the installed dbtool through the SQLite demo (init,
# migrate, upgrade, check, downgrade) and examples/embed.c, compiled with
# 'pkg-config --cflags --libs dbtool' against the installed libdbtool-dev.
#
# How the packages are installed:
#   - as root, when none of the three is installed yet: for real, with
#     'apt-get install ./*.deb' as the README says (scripts/deps has
#     installed their dependencies already), and purged again at the end,
#     whatever happened;
#   - otherwise, or with DBTOOL_PACKAGE_INSTALL=extract: unpacked with
#     'dpkg -x' into a temporary root, the library found through
#     LD_LIBRARY_PATH and the pkg-config file through PKG_CONFIG_PATH.
#
# usage: DBTOOL_SOURCE_ROOT=. bash tests/package/test_deb.sh
#        (scripts/test --suite package; .ci/run runs it)

. "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"

src=$DBTOOL_SOURCE_ROOT
packages=(dbtool libdbtool0 libdbtool-dev)
installed_here=0

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dbtool-package.XXXXXX") || exit 1
WTMP=$WORK
OUT=$WORK/stdout
ERR=$WORK/stderr
: >"$OUT"
: >"$ERR"

# Purges what this test installed, then lib.sh's clean-up (the folder, the
# check that the script reached its end).
package_cleanup() {
	local status=$?
	if [ "$installed_here" = 1 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get purge -y -q -o DPkg::Lock::Timeout=300 \
			"${packages[@]}" >"$WORK/purge.log" 2>&1 ||
			echo "# could not purge ${packages[*]}: $(cat "$WORK/purge.log")"
	fi
	(exit "$status")
	e2e_cleanup
}
trap package_cleanup EXIT

# pkg_status PACKAGE: dpkg's status abbreviation ("ii " when installed).
pkg_status() {
	dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null
}

# --- the build, from a copy of the source tree
copy=$WORK/src/dbtool
mkdir -p "$copy"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# Tracked files and new ones that are not ignored (so no build
	# folder), as they are in the working tree.
	(cd "$src" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do
			[ -e "$f" ] && printf '%s\0' "$f"
		done | tar --null -T - -cf -) | tar -xf - -C "$copy"
else
	tar -C "$src" --exclude='./build' --exclude='./build-*' --exclude='./builddir' \
		--exclude='./obj-*' --exclude='./.git' -cf - . | tar -xf - -C "$copy"
fi
if [ -f "$copy/debian/control" ] && [ -f "$copy/meson.build" ]; then
	pass "the source tree is copied to $copy"
else
	fail "the copy of the source tree lacks debian/control or meson.build" "$(ls -la "$copy")"
	finish
fi
src_debian_before=$(cd "$src" && find debian | LC_ALL=C sort)

if (cd "$copy" && dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1; then
	pass "dpkg-buildpackage -us -uc -b"
else
	fail "dpkg-buildpackage -us -uc -b failed" "$(tail -n 40 "$WORK/build.log")"
	finish
fi
expect_eq "$(cd "$src" && find debian | LC_ALL=C sort)" "$src_debian_before" \
	"the build left the source tree's debian/ as it was"
expect_eq "$(cd "$src" && ls -d obj-* 2>/dev/null)" "" "the build made no build folder in the source tree"

version=$(sed -n "s/^ *version: '\([^']*\)'.*/\1/p" "$src/meson.build" | head -n 1)
deb_version=$(cd "$copy" && dpkg-parsechangelog -SVersion)
expect_eq "$deb_version" "$version" "debian/changelog's version is meson.build's"
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
debs=()
for p in "${packages[@]}"; do
	deb=$WORK/src/${p}_${deb_version}_$arch.deb
	if [ -f "$deb" ]; then
		pass "the build made $(basename "$deb")"
		debs+=("$deb")
	else
		fail "the build made no $(basename "$deb")" "$(ls "$WORK/src")"
	fi
done
[ "${#debs[@]}" = 3 ] || finish

# --- what each package holds
# contents PACKAGE: the paths of its files and links, one per line.
contents() {
	dpkg-deb -c "$WORK/src/${1}_${deb_version}_$arch.deb" |
		awk '{ print substr($6, 2) }' | grep -v '/$' | LC_ALL=C sort
}
# holds PACKAGE PATH... / lacks PACKAGE ERE: one check each.
holds() {
	local p=$1 path list
	shift
	list=$(contents "$p")
	for path in "$@"; do
		if grep -qxF -- "$path" <<<"$list"; then
			pass "$p holds $path"
		else
			fail "$p should hold $path" "$list"
		fi
	done
}
lacks() {
	local list
	list=$(contents "$1")
	if grep -qE -- "$2" <<<"$list"; then
		fail "$1 should hold nothing that matches /$2/" "$list"
	else
		pass "$1 holds nothing that matches /$2/"
	fi
}
holds dbtool /usr/bin/dbtool /usr/share/man/man1/dbtool.1.gz \
	/usr/share/bash-completion/completions/dbtool /usr/share/zsh/vendor-completions/_dbtool \
	/usr/share/dbtool/migrations-template/script.sql.tmpl
lacks dbtool '^/usr/(lib|include)/'
holds libdbtool0 "/usr/lib/$multiarch/libdbtool.so.0" "/usr/lib/$multiarch/libdbtool.so.$version"
lacks libdbtool0 '^/usr/(bin|include)/|\.so$|\.pc$|^/usr/share/(man|dbtool)/'
holds libdbtool-dev /usr/include/dbtool.h /usr/include/dbtool_version.h \
	"/usr/lib/$multiarch/libdbtool.so" \
	"/usr/lib/$multiarch/pkgconfig/dbtool.pc"
lacks libdbtool-dev '^/usr/bin/|\.so\.'
dpkg-deb -x "$WORK/src/libdbtool0_${deb_version}_$arch.deb" "$WORK/src/extract-check"
soname=$(objdump -p "$WORK/src/extract-check/usr/lib/$multiarch/libdbtool.so.$version" | awk '$1 == "SONAME" { print $2 }')
expect_eq "$soname" libdbtool.so.0 "the library's soname is libdbtool.so.0, the 0 of libdbtool0"

# --- installation
mode=${DBTOOL_PACKAGE_INSTALL:-}
if [ -z "$mode" ]; then
	mode=install
	if [ "$(id -u)" != 0 ]; then
		mode=extract
		echo "# not root: the packages are unpacked into a temporary root, not installed"
	fi
	for p in "${packages[@]}"; do
		case "$(pkg_status "$p")" in
		"" | un* | pn*) ;;
		*)
			mode=extract
			echo "# $p is installed already: it is left alone, and the packages are unpacked into a temporary root"
			;;
		esac
	done
fi

case "$mode" in
install)
	installed_here=1
	if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		-o DPkg::Lock::Timeout=300 "${debs[@]}" >"$WORK/install.log" 2>&1; then
		pass "apt-get install ./dbtool_*.deb ./libdbtool0_*.deb ./libdbtool-dev_*.deb"
	else
		fail "apt-get install of the packages failed" "$(cat "$WORK/install.log")"
	fi
	for p in "${packages[@]}"; do
		expect_eq "$(pkg_status "$p")" "ii " "$p is installed"
	done
	root=
	;;
extract)
	root=$WORK/root
	for deb in "${debs[@]}"; do
		dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x $deb failed"
	done
	export LD_LIBRARY_PATH=$root/usr/lib/$multiarch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export PKG_CONFIG_PATH=$root/usr/lib/$multiarch/pkgconfig
	export PKG_CONFIG_SYSROOT_DIR=$root
	;;
*)
	fail "DBTOOL_PACKAGE_INSTALL is '$mode': it must be extract, or unset"
	finish
	;;
esac

# --- the installed dbtool: version, the demo on SQLite
DBTOOL=$root/usr/bin/dbtool
expect_ok dbtool --version
expect_stdout_eq "dbtool $version"

setup_db sqlite
expect_ok dbtool init
expect_stderr_contains "created dbtool.ini"
cat >schema.sql <<'SQL'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(200) NOT NULL UNIQUE
);
SQL
expect_ok dbtool migrate -m "create users"
first=$(cat "$OUT")
first_id=$(sed -n 's/^-- id: //p' "$first")
expect_ok dbtool upgrade
expect_version "$first_id"
cat >schema.sql <<'SQL'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(200) NOT NULL UNIQUE,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL
);
CREATE INDEX posts_user_id_idx ON posts (user_id);
SQL
expect_ok dbtool migrate -m "posts, longer names"
second=$(cat "$OUT")
second_id=$(sed -n 's/^-- id: //p' "$second")
expect_ok dbtool upgrade
expect_version "$second_id"
expect_tables "dbtool_version posts users"
expect_ok dbtool check
expect_ok dbtool downgrade -1
expect_version "$first_id"
expect_tables "dbtool_version users"
expect_ok dbtool current
expect_stdout_eq "$first_id"

# --- the man page, and the bash completion registering itself
if zcat "$root/usr/share/man/man1/dbtool.1.gz" 2>&1 | grep '^\.TH "dbtool" "1"' >/dev/null; then
	pass "the man page is dbtool(1) in troff"
else
	fail "the man page is not dbtool(1) in troff" "$(zcat "$root/usr/share/man/man1/dbtool.1.gz" 2>&1 | head -n 5)"
fi
if bash -c '. "$1" && complete -p dbtool' _ "$root/usr/share/bash-completion/completions/dbtool" \
	>"$OUT" 2>&1; then
	pass "the bash completion registers for dbtool"
else
	fail "the bash completion does not register for dbtool" "$(cat "$OUT")"
fi

# --- examples/embed.c against the installed libdbtool-dev
if cc "$src/examples/embed.c" -o "$WORK/embed" -Wall -Wextra -Werror \
	$(pkg-config --cflags --libs dbtool) >"$WORK/cc.log" 2>&1; then
	pass "examples/embed.c builds with pkg-config --cflags --libs dbtool"
else
	fail "examples/embed.c does not build against the installed package" "$(cat "$WORK/cc.log")"
fi
lib=$(ldd "$WORK/embed" 2>/dev/null | awk '$1 == "libdbtool.so.0" { print $3 }')
# (Through /lib or /usr/lib: the same folder where /usr is merged.)
expect_eq "$(readlink -f "$lib")" "$(readlink -f "$root/usr/lib/$multiarch/libdbtool.so.0")" \
	"the program loads the packaged libdbtool.so.0"
expect_ok "$WORK/embed" .
expect_stdout_contains "embed: libdbtool $version (built against $version)"
expect_stdout_contains "embed: applied $second_id (posts, longer names)"
expect_stdout_contains "embed: the database is at $second_id"
expect_version "$second_id"

# --- removal
if [ "$mode" = install ]; then
	if DEBIAN_FRONTEND=noninteractive apt-get purge -y -q -o DPkg::Lock::Timeout=300 \
		"${packages[@]}" >"$WORK/purge.log" 2>&1; then
		installed_here=0
		pass "apt-get purge ${packages[*]}"
	else
		fail "apt-get purge of the packages failed" "$(cat "$WORK/purge.log")"
	fi
	left=$(ls -d /usr/bin/dbtool /usr/include/dbtool.h /usr/include/dbtool_version.h \
		"/usr/lib/$multiarch"/libdbtool.so* \
		/usr/share/dbtool 2>/dev/null)
	expect_eq "$left" "" "nothing of the packages is left after the purge"
fi

finish
