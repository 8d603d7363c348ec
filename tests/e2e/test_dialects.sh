#!/bin/bash
#
# test_dialects.sh - one chain for SQLite, PostgreSQL and MariaDB.  The
# model is developed over ten revisions against the dialect given (create
# tables, add and drop columns, a type change, an index, a foreign key, a
# unique and a check constraint, a default change), with `dialects =
# sqlite, postgresql, mysql` in dbtool.ini, so that each revision has a
# section per dialect.  Then the chain is applied to an empty database of
# each other dialect: `check` must pass there (model, chain and database
# agree) and `migrate` must find nothing to do; rows inserted without an
# id get one; every database goes down to base.  Also: a revision without
# a section for the database's dialect is refused before anything runs,
# naming its file; editing another dialect's section of an applied
# revision is a changed checksum; the connected dialect must be listed;
# '-- journal: inverse' is written where the mysql section pairs up.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_dialects.sh sqlite|postgres|mariadb
# (every run needs the PostgreSQL and MariaDB test servers:
# DBTOOL_TEST_PG_URL, DBTOOL_TEST_MYSQL_URL)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"
DEV=$DIALECT
DEV_URL=$TEST_URL

# The databases of the other dialects, empty: OTHERS lists them,
# OTHER_URLS holds their URLs.
declare -A OTHER_URLS=()
new_pg_database() {
	local re='^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\?.*)?$' other_name=dbtool_e2e_other_$$
	if [ -z "${DBTOOL_TEST_PG_URL:-}" ]; then
		fail "DBTOOL_TEST_PG_URL is not set: run the tests with scripts/test"
		finish
	fi
	[[ $DBTOOL_TEST_PG_URL =~ $re ]]
	OTHER_URLS[postgres]=${BASH_REMATCH[1]}/$other_name${BASH_REMATCH[3]}
	if [[ $DBTOOL_TEST_PG_URL =~ ^[^:]+://[^:@/]*:([^@/]*)@ ]]; then
		PG_PASSWORD_RAW=${BASH_REMATCH[1]}
		PG_PASSWORD=$(urldecode "$PG_PASSWORD_RAW")
	fi
	psql "$DBTOOL_TEST_PG_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $other_name STRATEGY FILE_COPY" \
		>/dev/null 2>&1 </dev/null || {
		fail "cannot create the PostgreSQL database"
		finish
	}
	PG_DATABASES+=("$other_name")
}
OTHERS=()
for d in sqlite postgres mariadb; do
	[ "$d" = "$DEV" ] && continue
	OTHERS+=("$d")
	case $d in
	sqlite) OTHER_URLS[sqlite]=sqlite:///$PROJECT/other.db ;;
	postgres) new_pg_database ;;
	mariadb)
		my_new_database "dbtool_e2e_other_$$"
		OTHER_URLS[mariadb]=$MY_NEW_URL
		OTHER_MY_DATABASE=$MY_NEW_DATABASE
		;;
	esac
done

# dialect_name DIALECT: the name dbtool gives the dialect (sections,
# messages).
dialect_name() {
	case $1 in
	postgres) echo postgresql ;;
	mariadb) echo mysql ;;
	*) echo "$1" ;;
	esac
}

# rows_of QUERY: sql_value, the values of a row joined by "|" on every
# dialect (the mariadb client separates them with tabs).
rows_of() {
	sql_value "$1" | tr '\t' '|'
}

# on DIALECT URL: makes sql_value and tables look at that database.
on() {
	DIALECT=$1
	TEST_URL=$2
	DB_FILE=${2#sqlite://}
	if [ "$1" = mariadb ]; then
		MY_DATABASE=$(my_database_of "$2")
	fi
}

expect_ok dbtool init
cat >dbtool.ini <<'EOF'
[dbtool]
script_location = migrations
model = schema.sql
dialects = sqlite, postgresql, mysql
EOF

# step N MESSAGE: the model in schema.sql is the next one: migrate writes
# a revision with both dialects' sections, and the database takes it.
N=0
step() {
	N=$((N + 1))
	expect_ok dbtool migrate -m "$1"
	local file
	file=$(cat "$OUT")
	local counts='' d dir
	for dir in upgrade downgrade; do
		for d in sqlite postgresql mysql; do
			counts+=$(grep -c "^-- migrate:$dir $d\$" "$file")/
		done
	done
	expect_eq "$counts" 1/1/1/1/1/1/ "revision $N ($1) has an upgrade and a downgrade section per dialect"
	expect_ok dbtool upgrade
	expect_ok dbtool check
}

cat >schema.sql <<'EOF'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    stamp TIMESTAMP,
    age INTEGER DEFAULT 0
);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    legacy TEXT
);
EOF
step "create tables"
expect_ok dbtool migrate -m "nothing"
expect_stderr_contains "nothing to do"
on "$DEV" "$DEV_URL"
sql_value "INSERT INTO users (name) VALUES ('ada'); INSERT INTO posts (title, legacy) VALUES ('first', 'x')" >/dev/null

sed -i 's/age INTEGER DEFAULT 0/age INTEGER DEFAULT 0,\n    email VARCHAR(100)/' schema.sql
step "add email"
# Its mysql section is one statement each way, whichever database the
# change was diffed on: the header says that a downgrade can undo it
# halfway on MariaDB.
expect_eq "$(grep -c '^-- journal: inverse$' migrations/versions/*_add_email.sql)" 1 \
	"the revision that adds a column says '-- journal: inverse'"

# section DIRECTION DIALECT FILE: the statements of one section.
section() {
	awk -v head="-- migrate:$1 $2" '$0 == head { on = 1; next } /^-- migrate:/ { on = 0 } on && /^[A-Z]/' "$3"
}

if [ "$DEV" = mariadb ]; then
	# A comment and ON UPDATE that MariaDB's database has and the model
	# not (made by hand) are taken away in the mysql section only: the
	# other dialects' models hold neither, nor do their databases.
	sql_value "ALTER TABLE posts MODIFY title TEXT NOT NULL COMMENT 'by hand', COMMENT 'posts';
ALTER TABLE users MODIFY stamp DATETIME ON UPDATE CURRENT_TIMESTAMP" >/dev/null
	step "comments made by hand"
	rev=$(ls migrations/versions/*_comments_made_by_hand.sql)
	expect_eq "$(section upgrade mysql "$rev")" "ALTER TABLE posts COMMENT '';
ALTER TABLE posts MODIFY COLUMN title TEXT NOT NULL;
ALTER TABLE users MODIFY COLUMN stamp datetime;" "the mysql section takes the comments and ON UPDATE away"
	expect_eq "$(section upgrade postgresql "$rev")$(section upgrade sqlite "$rev")" "" \
		"the other sections have nothing to do"
fi

sed -i '/legacy TEXT/d; s/title TEXT NOT NULL,/title TEXT NOT NULL/' schema.sql
step "drop legacy"
expect_eq "$(grep -c '^-- journal:' migrations/versions/*_drop_legacy.sql)" 0 \
	"the revision that drops a column does not"

sed -i 's/name VARCHAR(50) NOT NULL/name VARCHAR(100) NOT NULL/' schema.sql
step "longer names"

echo 'CREATE INDEX ix_users_name ON users (name);' >>schema.sql
step "index names"

sed -i 's/title TEXT NOT NULL/title TEXT NOT NULL,\n    user_id INTEGER REFERENCES users (id)/' schema.sql
step "posts belong to users"

sed -i 's/email VARCHAR(100)/email VARCHAR(100) UNIQUE/' schema.sql
step "unique email"

sed -i 's/age INTEGER DEFAULT 0/age INTEGER DEFAULT 0 CHECK (age >= 0)/' schema.sql
step "age is not negative"

sed -i 's/DEFAULT 0 CHECK/DEFAULT 18 CHECK/' schema.sql
step "adults by default"

cat >>schema.sql <<'EOF'
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    body TEXT
);
EOF
step "comments"
# MariaDB's run has one more: the comments made by hand.
NREV=10
[ "$DEV" = mariadb ] && NREV=11
expect_eq "$(ls migrations/versions/*.sql | wc -l | tr -d ' ')" "$NREV" "ten revisions (eleven on MariaDB)"
expect_eq "$(rows_of "SELECT name, age FROM users")" "ada|0" "the first row kept its values on $DEV"

# The same chain on each other database, from empty.
first=$(ls migrations/versions/*_create_tables.sql)
cp "$first" "$WTMP/first.sql"
for OTHER in "${OTHERS[@]}"; do
	OTHER_URL=${OTHER_URLS[$OTHER]}
	on "$OTHER" "$OTHER_URL"
	expect_ok dbtool -u "$OTHER_URL" upgrade
	expect_ok dbtool -u "$OTHER_URL" check
	expect_stderr_contains "model, revisions and database agree"
	expect_ok dbtool -u "$OTHER_URL" migrate -m "nothing here either"
	expect_stderr_contains "nothing to do"
	expect_eq "$(ls migrations/versions/*.sql | wc -l | tr -d ' ')" "$NREV" "migrate on $OTHER wrote nothing"
	expect_eq "$(rows_of "INSERT INTO users (name) VALUES ('bob'); INSERT INTO users (name) VALUES ('cy'); SELECT id, name, age FROM users ORDER BY id")" \
		"1|bob|18
2|cy|18" "ids are given on $OTHER"
	expect_eq "$(sql_value "INSERT INTO posts (title, user_id) VALUES ('p', 2); INSERT INTO comments (post_id, body) VALUES (1, 'c'); SELECT count(*) FROM comments")" \
		1 "the foreign keys take rows on $OTHER"

	# A change to a section of an applied revision, another
	# dialect's or its own, counts.
	sed -i '0,/^-- migrate:upgrade /s//-- edited\n&/' "$first"
	expect_fail 1 dbtool -u "$OTHER_URL" check
	expect_stdout_contains "has changed since it was applied"
	cp "$WTMP/first.sql" "$first"

	# Down to base.
	expect_ok dbtool -u "$OTHER_URL" downgrade base
	expect_eq "$(tables)" "dbtool_version" "$OTHER is empty at base"
done
on "$DEV" "$DEV_URL"
expect_ok dbtool downgrade base
expect_eq "$(tables)" "dbtool_version" "$DEV is empty at base"

# A revision without a section for the database's dialect: refused before
# anything runs, naming the file.
only=$(dialect_name "${OTHERS[0]}")
cat >migrations/versions/zz_only.sql <<EOF
-- id: zz_only
-- parent: $(ls migrations/versions/*_comments.sql | sed 's|.*/||; s|_.*||')
-- message: only one dialect

-- migrate:upgrade $only
CREATE TABLE only_here (id INTEGER);
-- migrate:downgrade $only
DROP TABLE only_here;
EOF
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "has no section for $(dialect_name "$DEV"), only for $only"
expect_stderr_contains "migrations/versions/zz_only.sql"
expect_eq "$(tables)" "dbtool_version" "nothing ran on $DEV"
rm migrations/versions/zz_only.sql

# The database's own dialect must be listed.
sed -i "s/^dialects = .*/dialects = $only/" dbtool.ini
echo 'CREATE TABLE extra (id INTEGER PRIMARY KEY);' >>schema.sql
expect_ok dbtool upgrade
expect_fail 1 dbtool migrate -m "extra"
expect_error_line
expect_stderr_contains "does not list"
expect_eq "$(ls migrations/versions/*.sql | wc -l | tr -d ' ')" "$NREV" "nothing written"

finish
