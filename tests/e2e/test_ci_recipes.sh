#!/bin/bash
#
# test_ci_recipes.sh - the recipes of docs/ci.md run as written, so that
# they cannot rot: the dbtool commands of its fenced blocks (the lines that
# start with "dbtool " after the indentation and a YAML "- ", "run: " or
# "entry: ") are read from the file and run with bash in a project made for
# the purpose:
#   - those of each CI job (the sections "GitHub Actions" and "GitLab CI"),
#     in order, in a fresh checkout of the project against a fresh, empty
#     database named by DATABASE_URL, as the service's is; each must exit 0,
#     the database ends at the head, and the SARIF file is SARIF 2.1.0;
#   - those of the pre-commit hooks with no DATABASE_URL and no database
#     (dbtool.ini's url names a file that does not exist, and must not
#     after them);
#   - the plain git hook script, installed as .git/hooks/pre-commit of a
#     real repository: a good revision is committed, one whose downgrade
#     does not revert it is refused, naming it.
# On PostgreSQL and MariaDB the project writes sections for both databases
# (dialects = sqlite, postgresql or sqlite, mysql), so that the hooks'
# SQLite round trip has its sections; on SQLite it is a SQLite project.
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_ci_recipes.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

doc=$DBTOOL_SOURCE_ROOT/docs/ci.md
dialect=$1

# --- the commands, by section
# Prints "SECTION<TAB>COMMAND" for each command line of a fenced block;
# SECTION is the last "## " heading above it.
extract_commands() {
	awk '
	/^```/ { fenced = !fenced; next }
	!fenced && /^## / { section = substr($0, 4); next }
	fenced {
		line = $0
		sub(/^[ \t]+/, "", line)
		sub(/^- /, "", line)
		sub(/^(run|entry): /, "", line)
		if (line ~ /^dbtool /)
			printf "%s\t%s\n", section, line
	}' "$doc"
}

# The fenced block that starts with "#!/bin/sh": the plain git hook.
extract_git_hook() {
	awk '
	/^```/ { if (inhook) exit; fenced = !fenced; first = fenced; next }
	fenced && first { first = 0; if ($0 == "#!/bin/sh") inhook = 1 }
	inhook { print }' "$doc"
}

commands=$(extract_commands)
mapfile -t github < <(awk -F '\t' '$1 == "GitHub Actions" { print $2 }' <<<"$commands")
mapfile -t gitlab < <(awk -F '\t' '$1 == "GitLab CI" { print $2 }' <<<"$commands")
mapfile -t precommit < <(awk -F '\t' '$1 == "Before each commit" { print $2 }' <<<"$commands")
hook=$(extract_git_hook)

# Each recipe has its commands: an edit that loses one fails here, not
# silently.
# has LIST_NAME ERE DESCRIPTION
has() {
	local -n list=$1
	local c
	for c in "${list[@]}"; do
		if [[ $c =~ $2 ]]; then
			pass "docs/ci.md: $3 runs '$c'"
			return
		fi
	done
	fail "docs/ci.md: $3 should run a command matching /$2/" "${list[@]}"
}
for recipe in github gitlab; do
	has "$recipe" '^dbtool upgrade( |$)' "the $recipe job"
	has "$recipe" '^dbtool check( |$)' "the $recipe job"
	has "$recipe" '^dbtool lint .*--format sarif' "the $recipe job"
done
has precommit '^dbtool lint( |$)' "the pre-commit config"
has precommit '^dbtool .*check --roundtrip' "the pre-commit config"
if [ "$(head -n 1 <<<"$hook")" = "#!/bin/sh" ] && grep -q '^dbtool .*check --roundtrip' <<<"$hook"; then
	pass "docs/ci.md has the git hook script, with the round trip"
else
	fail "docs/ci.md should have a git hook script (a block starting with #!/bin/sh) that runs check --roundtrip" "$hook"
fi

# --- the project: two revisions made by migrate
setup_db "$dialect"
src_project=$PROJECT
# The recipes call "dbtool" from the PATH.
bindir=$WORK/bin
mkdir -p "$bindir" && ln -s "$DBTOOL" "$bindir/dbtool"
PATH=$bindir:$PATH
expect_ok dbtool -q init
case "$dialect" in
postgres) printf 'dialects = sqlite, postgresql\n' >>dbtool.ini ;;
mariadb) printf 'dialects = sqlite, mysql\n' >>dbtool.ini ;;
esac
# The developer's database: a file that does not exist.
sed -i 's|^url = .*|url = sqlite:///dev.db|' dbtool.ini
cat >schema.sql <<'SQL'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
SQL
expect_ok dbtool migrate -m "create users"
expect_ok dbtool upgrade
cat >>schema.sql <<'SQL'

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL
);
CREATE INDEX posts_user_id_idx ON posts (user_id);
SQL
expect_ok dbtool migrate -m "create posts"
head_id=$(sed -n 's/^-- id: //p' "$(cat "$OUT")")
expect_eq "$([ -n "$head_id" ] && echo yes)" yes "migrate wrote the second revision"

# checkout: a copy of the project's files in a fresh project folder with a
# fresh database, as a CI job's checkout and service.
checkout() {
	setup_db "$dialect"
	cp -r "$src_project/dbtool.ini" "$src_project/schema.sql" "$src_project/migrations" .
}

# run_recipe_command CMD: runs one line of a recipe with bash in the
# current folder.
run_recipe_command() {
	expect_ok bash -c "$1"
}

# --- the CI jobs, each against a fresh database
for recipe in github gitlab; do
	checkout
	unset -n cmds
	declare -n cmds=$recipe
	for c in "${cmds[@]}"; do
		run_recipe_command "$c"
	done
	expect_version "$head_id"
	if [ -f dbtool-lint.sarif ]; then
		cp dbtool-lint.sarif "$OUT"
		expect_json 'd["version"] == "2.1.0" and d["runs"][0]["tool"]["driver"]["name"] == "dbtool"'
	else
		fail "the $recipe job wrote no dbtool-lint.sarif" "$(ls)"
	fi
done

# --- the pre-commit hooks: no server, no database
checkout
unset DATABASE_URL
for c in "${precommit[@]}"; do
	run_recipe_command "$c"
done
expect_eq "$(ls -d dev.db 2>/dev/null)" "" "the hooks made no database file"

# --- the git hook in a real repository
checkout
unset DATABASE_URL
# (The repository's own settings win over whatever the user's global
# configuration says about hooks and signing.)
git init -q . && git config user.name test && git config user.email test@example.org &&
	git config core.hooksPath .git/hooks && git config commit.gpgsign false
printf '%s\n' "$hook" >.git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
git add -A
expect_ok git commit -q -m "two revisions"
expect_eq "$(git rev-list --count HEAD 2>&1)" 1 "the hook let the good revisions be committed"

cat >>schema.sql <<'SQL'

CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);
SQL
bad=$(new_revision bad0a0d1e2f3 "$head_id" "audit, without a downgrade" \
	"CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);" "-- nothing")
git add -A
expect_fail 1 git commit -q -m "audit"
expect_stderr_contains "downgrade bad0a0d1e2f3 does not restore"
expect_eq "$(git rev-list --count HEAD 2>&1)" 1 "the hook refused the revision whose downgrade does not revert it"
expect_eq "$(git status --porcelain -- "$bad")" "A  $bad" "the refused revision is still staged"

finish
