#!/bin/bash
#
# test_flagship.sh - the everyday workflow of a Flask project, on the three
# databases, in one scenario:
# - a project with `dialects = sqlite, postgresql, mysql` and `exclude =` for the
#   tables another tool keeps in the development database (a leftover
#   alembic_version, a sessions table), which no command touches;
# - a model grown over eleven revisions against SQLite, with rows inserted
#   along the way: tables with auto-increment keys, a column and a table
#   renamed with `-- renamed from:`, an index, a foreign key, a unique
#   constraint;
# - two developers diverge (two copies of the project, each with its own
#   revision on the same parent); once both revisions are in one copy,
#   upgrade names both heads and the rebase to run, `rebase` makes the
#   chain linear again, and the rebased revision applies;
# - `check` passes on SQLite, every row survived the renames, and what
#   `inspect` prints is a model that `check` accepts;
# - the chain applied to an empty PostgreSQL with `upgrade --format json`
#   (the revisions it ran, in order), `check` passes there, rows inserted
#   without ids get them on both databases; the offline script (`upgrade
#   --sql base:head --dialect postgresql`, no connection) replayed by
#   psql gives the same schema and version as the online upgrade; `-v`
#   prints each statement with its time;
# - the same chain applied to an empty MariaDB: `check` passes there,
#   rows get ids, and the offline script for mysql replayed by the mariadb
#   client gives the online upgrade's schema and version;
# - an existing PostgreSQL database adopted with `init --from-database`,
#   its foreign tables kept out with `exclude`; the baseline's SQLite
#   sections build an empty SQLite database where `check` passes.
#
# Needs the SQLite client, the PostgreSQL test cluster (DBTOOL_TEST_PG_URL)
# and the MariaDB test server (DBTOOL_TEST_MYSQL_URL); it runs once, not
# per dialect.
#
# usage: DBTOOL=build/cmd/dbtool bash tests/e2e/test_flagship.sh

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db sqlite
ALICE=$PROJECT
ALICE_URL=$TEST_URL

if [ -z "${DBTOOL_TEST_PG_URL:-}" ]; then
	fail "DBTOOL_TEST_PG_URL is not set: run the tests with scripts/test"
	finish
fi
if [[ $DBTOOL_TEST_PG_URL =~ ^[^:]+://[^:@/]*:([^@/]*)@ ]]; then
	PG_PASSWORD_RAW=${BASH_REMATCH[1]}
	PG_PASSWORD=$(urldecode "$PG_PASSWORD_RAW")
fi

# pg_db NAME: an empty PostgreSQL database on the test cluster, dropped at
# exit; its URL in PG_URL.
pg_db() {
	local re='^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\?.*)?$' name=dbtool_e2e_flag_$1_$$
	[[ $DBTOOL_TEST_PG_URL =~ $re ]]
	PG_URL=${BASH_REMATCH[1]}/$name${BASH_REMATCH[3]}
	psql "$DBTOOL_TEST_PG_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name STRATEGY FILE_COPY" \
		>/dev/null 2>&1 </dev/null || {
		fail "cannot create the PostgreSQL database $name"
		finish
	}
	PG_DATABASES+=("$name")
}

# on DIALECT URL: makes sql_value, tables and indexes look at that database.
on() {
	DIALECT=$1
	TEST_URL=$2
	DB_FILE=${2#sqlite://}
	if [ "$1" = mariadb ]; then
		MY_DATABASE=$(my_database_of "$2")
	fi
}

# step MESSAGE: migrate writes a revision with the three dialects'
# sections, SQLite takes it, and check passes.
step() {
	expect_ok dbtool migrate -m "$1"
	local file counts='' dir d
	file=$(cat "$OUT")
	for dir in upgrade downgrade; do
		for d in sqlite postgresql mysql; do
			counts+=$(grep -c "^-- migrate:$dir $d\$" "$file")/
		done
	done
	expect_eq "$counts" 1/1/1/1/1/1/ "revision '$1' has an upgrade and a downgrade section per dialect"
	expect_ok dbtool upgrade
	expect_ok dbtool check
	expect_stdout_eq ""
}

# ------------------------------------------ the development database

# Another tool's tables, there before dbtool: a leftover Flask-Migrate
# version table and a sessions table, with rows.
sqlite3 -batch -bail "$DB_FILE" <<'EOF' || fail "the development database's first tables do not apply"
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
INSERT INTO alembic_version VALUES ('4f2e1d0c9b8a');
CREATE TABLE flask_sessions (id INTEGER PRIMARY KEY, session_id VARCHAR(255) UNIQUE, data BLOB);
INSERT INTO flask_sessions (session_id, data) VALUES ('s1', x'00ff');
EOF

expect_ok dbtool init
cat >dbtool.ini <<'EOF'
[dbtool]
script_location = migrations
model = schema.sql
dialects = sqlite, postgresql, mysql
exclude = alembic_version, flask_*
EOF

# 1: users, with an auto-increment key.
cat >schema.sql <<'EOF'
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
EOF
step "users"
expect_tables "alembic_version dbtool_version flask_sessions users"
sql_value "INSERT INTO users (name) VALUES ('ada'); INSERT INTO users (name) VALUES ('bob')" >/dev/null

# 2: posts that belong to users.
cat >>schema.sql <<'EOF'
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    title VARCHAR(200) NOT NULL,
    body TEXT
);
EOF
step "posts"
sql_value "INSERT INTO posts (user_id, title, body) VALUES (1, 'hello', 'first post'); INSERT INTO posts (user_id, title) VALUES (2, 'again')" >/dev/null

# 3: an email for each user.
sed -i 's/    name VARCHAR(50) NOT NULL/    name VARCHAR(50) NOT NULL,\n    email VARCHAR(120)/' schema.sql
step "user email"
sql_value "UPDATE users SET email = name || '@example.org'" >/dev/null

# 4: an index on the posts' author.
echo 'CREATE INDEX ix_posts_user_id ON posts (user_id);' >>schema.sql
step "index posts by user"

# 5: a column renamed, its rows kept.
sed -i 's/^    title VARCHAR(200) NOT NULL,/    -- renamed from: title\n    headline VARCHAR(200) NOT NULL,/' schema.sql
step "title is headline"
rename_col=$(ls migrations/versions/*_title_is_headline.sql)
expect_eq "$(grep -c 'RENAME COLUMN title TO headline' "$rename_col")" 3 "the column rename is a RENAME in the three dialects' upgrades"

# 6: a table renamed, with its foreign key and index.
sed -i 's/^CREATE TABLE posts (/-- renamed from: posts\nCREATE TABLE articles (/; s/ON posts (user_id)/ON articles (user_id)/' schema.sql
step "posts are articles"
rename_tab=$(ls migrations/versions/*_posts_are_articles.sql)
expect_eq "$(grep -c 'ALTER TABLE posts RENAME TO articles' "$rename_tab")" 3 "the table rename is a RENAME in the three dialects' upgrades"
expect_tables "alembic_version articles dbtool_version flask_sessions users"

# 7: tags.
cat >>schema.sql <<'EOF'
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    label VARCHAR(40) NOT NULL
);
EOF
step "tags"
sql_value "INSERT INTO tags (label) VALUES ('news')" >/dev/null

# 8: unique emails.
sed -i 's/    email VARCHAR(120)$/    email VARCHAR(120) UNIQUE/' schema.sql
step "unique email"
expect_eq "$(revisions)" 8 "eight revisions on one line"

# ---------------------------------------- two developers diverge

# Bob copies the project and his development database.
BOB=$WORK/bob
cp -r "$ALICE" "$BOB"
BOB_URL=sqlite:///$BOB/app.db

# 9a (Alice): a bio for each user.
sed -i 's/    email VARCHAR(120) UNIQUE$/    email VARCHAR(120) UNIQUE,\n    bio TEXT/' schema.sql
step "user bio"
alice_rev=$(sed -n 's/^-- id: //p' migrations/versions/*_user_bio.sql)

# 9b (Bob): comments on articles, on his own database.
cd "$BOB" || exit 1
cat >>schema.sql <<'EOF'
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    body TEXT NOT NULL
);
EOF
expect_ok dbtool --url "$BOB_URL" migrate -m "comments"
expect_ok dbtool --url "$BOB_URL" upgrade
expect_ok dbtool --url "$BOB_URL" check
bob_file=$(ls migrations/versions/*_comments.sql)
bob_rev=$(sed -n 's/^-- id: //p' "$bob_file")
parent=$(sed -n 's/^-- parent: //p' "$bob_file")

# Alice pulls Bob's revision and his model change: the chain has two
# heads, which upgrade refuses, naming both and the rebase to run.
cd "$ALICE" || exit 1
cp "$BOB/$bob_file" migrations/versions/
sed -n '/^CREATE TABLE comments (/,/^);/p' "$BOB/schema.sql" >>schema.sql
expect_ok dbtool heads
expect_eq "$(sort "$OUT" | tr '\n' ' ')" "$(printf '%s\n' "$alice_rev" "$bob_rev" | sort | tr '\n' ' ')" "heads lists both developers' revisions"
before=$(snapshot)
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "several heads: "
expect_stderr_contains "'$alice_rev' ('migrations/versions/${alice_rev}_user_bio.sql')"
expect_stderr_contains "'$bob_rev' ('migrations/versions/${bob_rev}_comments.sql')"
expect_stderr_contains "part at '$parent'"
expect_stderr_contains "run 'dbtool rebase'"
expect_eq "$(snapshot)" "$before" "upgrade with two heads changes nothing"
expect_fail 1 dbtool check
# Bob's revision is not applied here: rebase moves it onto Alice's.
expect_ok dbtool rebase
expect_stdout_eq "rebase $bob_rev: parent $parent -> $alice_rev (1 revision, head $bob_rev)"
expect_eq "$(sed -n 's/^-- parent: //p' "$bob_file")" "$alice_rev" "the rebased revision follows Alice's"
expect_ok dbtool heads
expect_stdout_eq "$bob_rev"
expect_ok dbtool upgrade
expect_ok dbtool check
expect_stdout_eq ""
sql_value "INSERT INTO comments (article_id, body) VALUES (1, 'nice')" >/dev/null

# 11: an index on the comments, on top of the linear chain.
echo 'CREATE INDEX ix_comments_article_id ON comments (article_id);' >>schema.sql
step "index comments"
expect_eq "$(revisions)" 11 "eleven revisions"
expect_ok dbtool heads
expect_eq "$(wc -l <"$OUT" | tr -d ' ')" 1 "the chain has one head"

# Every row survived, the renames included; the excluded tables were not
# touched.
expect_eq "$(sql_value "SELECT u.id || '|' || u.name || '|' || u.email || '|' || a.id || '|' || a.headline || '|' || coalesce(a.body, '') FROM articles a JOIN users u ON u.id = a.user_id ORDER BY a.id")" \
	"1|ada|ada@example.org|1|hello|first post
2|bob|bob@example.org|2|again|" "every row survived ten revisions and two renames on SQLite"
expect_eq "$(sql_value "SELECT version_num FROM alembic_version; SELECT session_id || '|' || hex(data) FROM flask_sessions")" \
	"4f2e1d0c9b8a
s1|00FF" "the excluded tables and their rows are untouched"
# What inspect prints is a model that check accepts; it leaves out the
# excluded tables.
expect_ok dbtool inspect
cp "$OUT" "$WORK/inspected.sql"
expect_eq "$(grep -c -e alembic_version -e flask_sessions "$WORK/inspected.sql")" 0 "inspect leaves out the excluded tables"
sed 's/^model = .*/model = inspected.sql/' dbtool.ini >inspect.ini
cp "$WORK/inspected.sql" inspected.sql
expect_ok dbtool -c inspect.ini check
expect_stdout_eq ""
rm inspect.ini inspected.sql
head_rev=$(sed -n 's/^-- id: //p' migrations/versions/*_index_comments.sql)
expect_ok dbtool --format json current
expect_json "d == {'current': '$head_rev'}"

# ------------------------------------------- production on PostgreSQL

pg_db prod
PROD_URL=$PG_URL
expect_ok dbtool --url "$PROD_URL" --format json upgrade
expect_json "d['from'] is None and d['to'] == '$head_rev' and [r['message'] for r in d['revisions']] == ['users', 'posts', 'user email', 'index posts by user', 'title is headline', 'posts are articles', 'tags', 'unique email', 'user bio', 'comments', 'index comments'] and [r['id'] for r in d['revisions']][8:] == ['$alice_rev', '$bob_rev', '$head_rev'] and all(isinstance(r['ms'], (int, float)) for r in d['revisions']) and 'error' not in d"
expect_ok dbtool --url "$PROD_URL" current
expect_stdout_eq "$head_rev"
expect_ok dbtool --url "$PROD_URL" check
expect_stdout_eq ""
expect_ok dbtool --url "$PROD_URL" migrate -m "nothing here"
expect_stderr_contains "$NOTHING_TO_DO"
expect_eq "$(revisions)" 11 "migrate on PostgreSQL wrote nothing"
on postgres "$PROD_URL"
expect_tables "articles comments dbtool_version tags users"
expect_eq "$(indexes | grep -c -e '^ix_posts_user_id$' -e '^ix_comments_article_id$')" 2 "PostgreSQL has both indexes"
# Rows without ids get them, on PostgreSQL ...
expect_eq "$(sql_value "INSERT INTO users (name, email) VALUES ('cy', 'cy@example.org'); INSERT INTO users (name) VALUES ('di');
INSERT INTO articles (user_id, headline) VALUES (2, 'p'); INSERT INTO comments (article_id, body) VALUES (1, 'c');
INSERT INTO tags (label) VALUES ('t');
SELECT string_agg(id::text || ':' || name, ' ' ORDER BY id) FROM users; SELECT max(id) FROM articles; SELECT max(id) FROM comments; SELECT max(id) FROM tags;" | tr '\n' ' ')" \
	"1:cy 2:di 1 1 1 " "rows inserted without ids get them on PostgreSQL"
# ... and on SQLite.
on sqlite "$ALICE_URL"
expect_eq "$(sql_value "INSERT INTO users (name) VALUES ('eve'); SELECT max(id) FROM users; INSERT INTO tags (label) VALUES ('t2'); SELECT max(id) FROM tags;" | tr '\n' ' ')" \
	"3 2 " "rows inserted without ids get them on SQLite"
expect_ok dbtool check
expect_stdout_eq ""

# -v: each statement with its time (a fresh SQLite database).
expect_ok dbtool --url "sqlite:///$WORK/fresh.db" -v upgrade
expect_stderr_match "  [0-9]+\.[0-9] ms  CREATE TABLE users"
expect_stderr_match "  [0-9]+\.[0-9] ms  ALTER TABLE posts RENAME TO articles"
expect_stderr_match "upgrade [0-9a-f]+ -> $head_rev, index comments \([0-9]+ ms\)"
expect_ok dbtool --url "sqlite:///$WORK/fresh.db" check
expect_stdout_eq ""

# Offline: the script from base to head for PostgreSQL, with no database
# to reach, replayed by psql, gives what the online upgrade gave.
NOWHERE="postgresql://app:S3cretXyz9@127.0.0.1:1/app?connect_timeout=5"
expect_ok dbtool --url "$NOWHERE" upgrade --sql base:head --dialect postgresql
expect_stderr_eq ""
expect_stderr_not_contains S3cretXyz9
cp "$OUT" "$WORK/offline.sql"
expect_eq "$(head -n 1 "$WORK/offline.sql")" "-- dbtool upgrade, postgresql, from <base> to $head_rev" "the offline script goes from base to head"
pg_db offline
OFFLINE_URL=$PG_URL
PGOPTIONS='-c client_min_messages=warning' psql "$OFFLINE_URL" -X -q -v ON_ERROR_STOP=1 \
	-f "$WORK/offline.sql" >"$OUT" 2>"$ERR" </dev/null
STATUS=$?
if [ "$STATUS" = 0 ] && [ ! -s "$ERR" ]; then
	pass "psql replays the offline script without an error"
else
	fail "psql should replay the offline script without an error" "$(show_output)"
fi
expect_ok dbtool --url "$PROD_URL" inspect
cp "$OUT" "$WORK/online-schema.sql"
expect_ok dbtool --url "$OFFLINE_URL" inspect
expect_eq "$(cat "$OUT")" "$(cat "$WORK/online-schema.sql")" "the offline script gives the online upgrade's schema"
expect_ok dbtool --url "$OFFLINE_URL" current
expect_stdout_eq "$head_rev"
expect_ok dbtool --url "$OFFLINE_URL" check
expect_stdout_eq ""

# Both databases go down to base and up again.
expect_ok dbtool --url "$PROD_URL" downgrade base
on postgres "$PROD_URL"
expect_tables "dbtool_version"
expect_ok dbtool --url "$PROD_URL" upgrade
expect_ok dbtool --url "$PROD_URL" check
expect_stdout_eq ""

# ----------------------------------------------- the same on MariaDB

my_new_database "dbtool_e2e_flag_maria_$$"
MARIA_URL=$MY_NEW_URL
expect_ok dbtool --url "$MARIA_URL" upgrade
expect_stderr_contains "index comments"
expect_ok dbtool --url "$MARIA_URL" current
expect_stdout_eq "$head_rev"
expect_ok dbtool --url "$MARIA_URL" check
expect_stdout_eq ""
expect_ok dbtool --url "$MARIA_URL" migrate -m "nothing here"
expect_stderr_contains "$NOTHING_TO_DO"
expect_eq "$(revisions)" 11 "migrate on MariaDB wrote nothing"
on mariadb "$MARIA_URL"
expect_tables "articles comments dbtool_version tags users"
expect_eq "$(indexes | grep -c -e '^ix_posts_user_id$' -e '^ix_comments_article_id$')" 2 "MariaDB has both indexes"
expect_eq "$(sql_value "INSERT INTO users (name, email) VALUES ('cy', 'cy@example.org'); INSERT INTO users (name) VALUES ('di');
INSERT INTO articles (user_id, headline) VALUES (2, 'p'); INSERT INTO comments (article_id, body) VALUES (1, 'c');
INSERT INTO tags (label) VALUES ('t');
SELECT GROUP_CONCAT(CONCAT(id, ':', name) ORDER BY id SEPARATOR ' ') FROM users; SELECT max(id) FROM articles; SELECT max(id) FROM comments; SELECT max(id) FROM tags;" | tr '\n' ' ')" \
	"1:cy 2:di 1 1 1 " "rows inserted without ids get them on MariaDB"
# Offline: the script for mysql, replayed by the mariadb client.
expect_ok dbtool --url "mysql://app:S3cretXyz9@127.0.0.1:1/app?connect_timeout=5" upgrade --sql base:head --dialect mysql
expect_stderr_eq ""
cp "$OUT" "$WORK/offline-mysql.sql"
my_new_database "dbtool_e2e_flag_maria_offline_$$"
MARIA_OFFLINE_URL=$MY_NEW_URL
if my_sql_raw "$MY_NEW_DATABASE" <"$WORK/offline-mysql.sql" >"$OUT" 2>"$ERR"; then
	pass "the mariadb client replays the offline script without an error"
else
	fail "the mariadb client should replay the offline script without an error" "$(cat "$ERR")"
fi
expect_ok dbtool --url "$MARIA_URL" inspect
cp "$OUT" "$WORK/online-maria.sql"
expect_ok dbtool --url "$MARIA_OFFLINE_URL" inspect
expect_eq "$(cat "$OUT")" "$(cat "$WORK/online-maria.sql")" "the offline script gives the online upgrade's schema on MariaDB"
expect_ok dbtool --url "$MARIA_OFFLINE_URL" check
expect_stdout_eq ""
expect_ok dbtool --url "$MARIA_URL" downgrade base
expect_tables "dbtool_version"

# --------------------------- adopting an existing PostgreSQL database

pg_db legacy
LEGACY_URL=$PG_URL
psql "$LEGACY_URL" -X -q -v ON_ERROR_STOP=1 >/dev/null 2>"$ERR" </dev/null <<'EOF' || fail "the legacy schema does not apply" "$(cat "$ERR")"
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
INSERT INTO alembic_version VALUES ('9a8b7c6d5e4f');
CREATE TABLE spatial_ref_sys (srid INTEGER PRIMARY KEY, auth_name VARCHAR(256));
INSERT INTO spatial_ref_sys VALUES (4326, 'EPSG');
CREATE TABLE customers (id SERIAL PRIMARY KEY, name VARCHAR(80) NOT NULL, vip BOOLEAN NOT NULL DEFAULT false);
CREATE TABLE orders (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id), quantity INTEGER NOT NULL CHECK (quantity > 0),
  total NUMERIC(10, 2));
CREATE INDEX ix_orders_customer ON orders (customer_id);
INSERT INTO customers (name) VALUES ('acme');
INSERT INTO orders (customer_id, quantity, total) VALUES (1, 2, 9.50);
EOF
ADOPT=$WORK/adopt
mkdir "$ADOPT" && cd "$ADOPT" || exit 1
cat >dbtool.ini <<'EOF'
[dbtool]
script_location = migrations
model = schema.sql
dialects = postgresql, sqlite
exclude = alembic_version, spatial_ref_sys
EOF
expect_ok dbtool --url "$LEGACY_URL" init --from-database
expect_eq "$(grep -c -e alembic_version -e spatial_ref_sys schema.sql migrations/versions/*.sql | awk -F: '{ n += $2 } END { print n }')" 0 "the adopted model and baseline leave out the excluded tables"
baseline=$(sed -n 's/^-- id: //p' migrations/versions/*_baseline.sql)
expect_ok dbtool --url "$LEGACY_URL" current
expect_stdout_eq "$baseline"
expect_ok dbtool --url "$LEGACY_URL" check
expect_stdout_eq ""
on postgres "$LEGACY_URL"
expect_eq "$(sql_value "SELECT (SELECT count(*) FROM customers) || '|' || (SELECT count(*) FROM orders) || '|' || (SELECT version_num FROM alembic_version) || '|' || (SELECT count(*) FROM spatial_ref_sys)")" \
	"1|1|9a8b7c6d5e4f|1" "adopting ran nothing: every row is there, the excluded tables' too"
# The baseline's SQLite sections build an empty SQLite database.
expect_ok dbtool --url "sqlite:///$ADOPT/dev.db" upgrade
expect_ok dbtool --url "sqlite:///$ADOPT/dev.db" check
expect_stdout_eq ""
on sqlite "sqlite:///$ADOPT/dev.db"
expect_eq "$(sql_value "INSERT INTO customers (name) VALUES ('x'); INSERT INTO orders (customer_id, quantity) VALUES (1, 3); SELECT max(c.id) || '|' || max(o.id) FROM customers c, orders o")" \
	"1|1" "on the SQLite copy of the adopted schema the keys generate their values"
# The next change goes to both.
sed -i 's/^    name VARCHAR(80) NOT NULL,/    name VARCHAR(80) NOT NULL,\n    phone VARCHAR(20),/' schema.sql
expect_ok dbtool --url "$LEGACY_URL" migrate -m "customer phone"
expect_ok dbtool --url "$LEGACY_URL" upgrade
expect_ok dbtool --url "$LEGACY_URL" check
expect_stdout_eq ""
expect_ok dbtool --url "sqlite:///$ADOPT/dev.db" upgrade
expect_ok dbtool --url "sqlite:///$ADOPT/dev.db" check
expect_stdout_eq ""

finish
