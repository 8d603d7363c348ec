#!/bin/bash
#
# test_mariadb.sh - the runner on MariaDB, with revisions written by hand:
# init, upgrade, downgrade, current, history and stamp; a revision that
# fails halfway (MariaDB commits each DDL statement at once), whose
# journal makes current and check say that the database is between two
# revisions until a stamp says where it is; one that fails at its first
# statement, which leaves the version where it was; one killed while its
# first statement, a DROP TABLE, waited for a metadata lock, which the
# other direction refuses to take for not started and the same direction
# resumes; the migration lock
# (GET_LOCK) held by another session; and a wrong password, refused in
# one line that never shows it.  Then the model: migrate writes the
# revisions (auto-increment keys, a foreign key and the index MariaDB
# makes for it, a check, defaults), upgrade applies them, check agrees and
# migrate finds nothing right after; a change (a column added and one
# widened, one dropped, an index and a table added) keeps the rows both
# ways; create-all and drop-all; columns that the model writes in another
# case than MariaDB stores them are the same columns.  Last, the header '-- journal: inverse'
# that migrate writes when each change is one statement each way: an
# upgrade stopped after its 2nd statement is undone by a downgrade; and a
# revision that drops a column, without the header, whose partial upgrade
# a downgrade refuses to undo.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_mariadb.sh mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_db "$1"
expect_ok dbtool -q init
# The URL is the environment's: the template's sqlite url stays unused.
sed -i '/^url *=/d' dbtool.ini

r1=$(new_revision a001 "" "users" \
	"CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);
CREATE INDEX users_name ON users (name);" \
	"DROP TABLE users;")
r2=$(new_revision a002 a001 "posts" \
	"CREATE TABLE posts (id INT PRIMARY KEY, user_id INT NOT NULL,
  CONSTRAINT posts_user FOREIGN KEY (user_id) REFERENCES users (id));
INSERT INTO users (id, name) VALUES (1, 'ann');" \
	"DROP TABLE posts;
DELETE FROM users WHERE id = 1;")

# --- upgrade, current, history, downgrade
expect_ok dbtool current
expect_stdout_eq ""
expect_ok dbtool upgrade a001
expect_stderr_contains "upgrade <base> -> a001, users"
expect_tables "dbtool_version users"
expect_eq "$(indexes)" "users_name" "the revision's index is made"
expect_version a001
expect_ok dbtool current
expect_stdout_eq "a001"
expect_ok dbtool upgrade
expect_stderr_contains "upgrade a001 -> a002, posts"
expect_version a002
expect_tables "dbtool_version posts users"
expect_eq "$(sql_value "SELECT name FROM users")" "ann" "the revision's row is there"
expect_ok dbtool history
expect_stdout_contains "a001 -> a002 (head), posts"
expect_eq "$(sql_value "SELECT version_num FROM dbtool_history ORDER BY version_num" | tr '\n' ' ')" \
	"a001 a002 " "the history holds both revisions"
expect_ok dbtool downgrade -1
expect_stderr_contains "downgrade a002 -> a001"
expect_version a001
expect_tables "dbtool_version users"
expect_eq "$(sql_value "SELECT count(*) FROM users")" 0 "the downgrade deleted the row"
expect_ok dbtool downgrade base
expect_version ""
expect_tables "dbtool_version"

# --- --single-transaction cannot be kept: refused before anything runs
expect_fail 1 dbtool upgrade --single-transaction
expect_error_line
expect_stderr_contains "--single-transaction cannot be kept on mysql, which commits each DDL statement at once"
expect_version ""

# --- stamp
expect_ok dbtool stamp a002
expect_version a002
expect_tables "dbtool_version"
expect_ok dbtool stamp base
expect_version ""

# --- a revision that fails halfway: the first statement stays
expect_ok dbtool upgrade a002
r3=$(new_revision a003 a002 "half" \
	"CREATE TABLE tags (id INT PRIMARY KEY);
ALTER TABLE nope ADD COLUMN x INT;
CREATE TABLE never (id INT);" \
	"DROP TABLE tags;")
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "upgrade a003 stopped at its statement 2, after 1 committed"
expect_stderr_contains "the database is between a002 and a003"
expect_stderr_contains "$r3:8: Table '$MY_DATABASE.nope' doesn't exist (in: ALTER TABLE nope ADD COLUMN x INT)"
expect_version a002
expect_tables "dbtool_version posts tags users"
expect_fail 1 dbtool current
expect_error_line
expect_stderr_contains "the database is between revisions a002 and a003: the upgrade a003 stopped after 1 of its statements"
expect_stderr_contains "$r3:8:"
expect_stderr_contains "'dbtool stamp a003' or 'dbtool stamp a002'"
expect_fail 1 dbtool check
expect_error_line
expect_stderr_contains "the database is between revisions a002 and a003"
# Run again unfixed, the upgrade resumes at the failing statement and
# stops there again: the first one is not run twice.
expect_fail 1 dbtool upgrade
expect_stderr_contains "resuming upgrade a003 at its statement 2 of 3"
expect_stderr_contains "upgrade a003 stopped at its statement 2, after 1 committed"
expect_stderr_contains "fix the cause and run 'dbtool upgrade' to resume at statement 2"
expect_version a002
# Without '-- journal: inverse', a downgrade cannot undo what ran.
expect_fail 1 dbtool downgrade base
expect_error_line
expect_stderr_contains "cannot undo the 1 statements of the upgrade of a003 that ran: its header does not say '-- journal: inverse'"
expect_tables "dbtool_version posts tags users"
# An edited statement among those that ran: refused, naming it.
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY, v INT);
ALTER TABLE tags ADD COLUMN x INT;
CREATE TABLE never (id INT);" "DROP TABLE tags;"
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "$r3:7: cannot resume the upgrade of a003: its statement 1 is not the one that ran (1 of its statements ran before it stopped)"
expect_tables "dbtool_version posts tags users"
expect_eq "$(sql_value "SELECT statements FROM dbtool_journal")" 1 "the refusal left the journal as it was"
# Fixed at the failing statement, the upgrade resumes there: every
# statement ran once (tags would not be made twice).
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);
ALTER TABLE tags ADD COLUMN x INT;
CREATE TABLE never (id INT);" "DROP TABLE never;
ALTER TABLE tags DROP COLUMN x;
DROP TABLE tags;"
expect_ok dbtool upgrade
expect_stderr_contains "resuming upgrade a003 at its statement 2 of 3"
expect_stderr_contains "upgrade a002 -> a003, half"
expect_version a003
expect_tables "dbtool_version never posts tags users"
expect_eq "$(sql_value "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'tags'")" 2 "tags has id and x"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"
expect_ok dbtool current
expect_stdout_eq "a003"
expect_ok dbtool downgrade a002
expect_tables "dbtool_version posts users"

# --- '-- journal: inverse': a downgrade undoes the statements that ran
sed -i 's/^-- created: .*/&\n-- journal: inverse/' "$r3"
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);
ALTER TABLE tags ADD COLUMN x INT;
ALTER TABLE nope ADD COLUMN y INT;" "ALTER TABLE nope DROP COLUMN y;
ALTER TABLE tags DROP COLUMN x;
DROP TABLE tags;"
expect_fail 1 dbtool upgrade
expect_stderr_contains "upgrade a003 stopped at its statement 3, after 2 committed"
expect_tables "dbtool_version posts tags users"
expect_ok dbtool downgrade -1
expect_stderr_contains "resuming downgrade a003 at its statement 2 of 3"
expect_version a002
expect_tables "dbtool_version posts users"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"
expect_eq "$(sql_value "SELECT version_num FROM dbtool_history ORDER BY version_num" | tr '\n' ' ')" \
	"a001 a002 " "the history holds no row for a003"
# A downgrade that stops halfway: an upgrade undoes it through the
# inverses, and a downgrade resumes it once fixed.
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);
ALTER TABLE tags ADD COLUMN x INT;
ALTER TABLE tags ADD COLUMN y INT;" "ALTER TABLE tags DROP COLUMN y;
ALTER TABLE nope DROP COLUMN x;
DROP TABLE tags;"
expect_ok dbtool upgrade
expect_version a003
expect_fail 1 dbtool downgrade a002
expect_stderr_contains "downgrade a003 stopped at its statement 2, after 1 committed"
expect_version a003
expect_fail 1 dbtool current
expect_stderr_contains "the downgrade a003 stopped after 1 of its statements"
expect_ok dbtool upgrade
expect_stderr_contains "resuming upgrade a003 at its statement 3 of 3"
expect_version a003
expect_eq "$(sql_value "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'tags'")" 3 "tags has id, x and y again"
expect_fail 1 dbtool downgrade a002
expect_stderr_contains "downgrade a003 stopped at its statement 2, after 1 committed"
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);
ALTER TABLE tags ADD COLUMN x INT;
ALTER TABLE tags ADD COLUMN y INT;" "ALTER TABLE tags DROP COLUMN y;
ALTER TABLE tags DROP COLUMN x;
DROP TABLE tags;"
expect_ok dbtool downgrade a002
expect_stderr_contains "resuming downgrade a003 at its statement 2 of 3"
expect_version a002
expect_tables "dbtool_version posts users"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"

# A failure, undone by hand, then stamped: the database is at a002 again.
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);
ALTER TABLE nope ADD COLUMN x INT;" "DROP TABLE tags;"
expect_fail 1 dbtool upgrade
expect_stderr_contains "upgrade a003 stopped at its statement 2, after 1 committed"
sql_value "DROP TABLE tags"
expect_ok dbtool stamp a002
expect_ok dbtool current
expect_stdout_eq "a002"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the stamp cleared the journal"

# --- a revision that fails at its first statement changes nothing
write_revision "$r3" "ALTER TABLE nope ADD COLUMN x INT;
CREATE TABLE tags (id INT PRIMARY KEY);" "DROP TABLE tags;"
before=$(tables)
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "upgrade a003 failed at its first statement, so nothing of it was applied: the version stays at a002"
expect_stderr_contains "(in: ALTER TABLE nope ADD COLUMN x INT)"
expect_eq "$(tables)" "$before" "no table changed"
expect_ok dbtool current
expect_stdout_eq "a002"
# Fixed, it runs.
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);" "DROP TABLE tags;"
expect_ok dbtool upgrade
expect_version a003
expect_ok dbtool downgrade -1
expect_version a002
# Stopped before its first statement committed (a kill): nothing to undo,
# so a downgrade needs no inverse and starts from the version.
sql_value "INSERT INTO dbtool_journal (version_num, direction, from_num, statements, hashes) VALUES ('a003', 'upgrade', 'a002', 0, '')"
expect_fail 1 dbtool current
expect_stderr_contains "the upgrade a003 stopped after 0 of its statements"
expect_ok dbtool downgrade a001
expect_version a001
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"
expect_ok dbtool upgrade a002
expect_version a002

# --- killed while its first statement, a DDL one, ran: the statement's
# effect is unknown (it commits by itself, before its count), so the
# other direction refuses rather than take the revision for not started,
# and the same direction resumes at it.  Another session reads tags in an
# open transaction, so that the downgrade's DROP TABLE waits for the
# table's metadata lock; dbtool is killed while it waits, then the reader
# lets go, and the server finishes the DROP of the killed connection.
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);" "DROP TABLE tags;"
expect_ok dbtool upgrade
expect_version a003
mdl_fifo=$WORK/mdl.fifo
mkfifo "$mdl_fifo"
MYSQL_PWD=$PG_PASSWORD mariadb --no-defaults --socket="$MY_SOCKET" -u "$MY_USER" -N -B \
	"$MY_DATABASE" <"$mdl_fifo" >"$WORK/mdl.log" 2>&1 &
reader=$!
exec 8>"$mdl_fifo"
reader_lock="dbtool_test_reader:$MY_DATABASE"
reader_reads() {
	[ "$(sql_value "SELECT IS_USED_LOCK('$reader_lock') IS NOT NULL")" = 1 ]
}
# The user lock, taken after the read, says that the read ran.
echo "START TRANSACTION; SELECT count(*) FROM tags; SELECT GET_LOCK('$reader_lock', 10);" >&8
for _ in $(seq 100); do
	reader_reads && break
	sleep 0.1
done
if reader_reads; then
	pass "another session reads tags in an open transaction"
else
	fail "another session should read tags in an open transaction" "$(cat "$WORK/mdl.log")"
fi
drop_waits() {
	[ "$(sql_value "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'DROP TABLE tags%' AND state LIKE '%metadata lock%'")" = 1 ]
}
"$DBTOOL" downgrade -1 >"$WORK/killed.out" 2>&1 &
killed=$!
for _ in $(seq 200); do
	drop_waits && break
	sleep 0.1
done
if drop_waits; then
	pass "the downgrade's DROP TABLE waits for the reader's lock"
else
	fail "the downgrade's DROP TABLE should wait for the reader's lock" "$(cat "$WORK/killed.out" "$WORK/mdl.log")"
fi
kill -9 "$killed"
wait "$killed" 2>/dev/null
echo "COMMIT;" >&8
exec 8>&-
wait "$reader"
for _ in $(seq 200); do
	[ "$(sql_value "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'DROP TABLE tags%'")" = 0 ] && break
	sleep 0.1
done
expect_eq "$(table_exists tags && echo there || echo gone)" gone "the killed connection's DROP TABLE ran"
expect_eq "$(sql_value "SELECT statements, running FROM dbtool_journal")" "0|1" \
	"the journal counts no statement, and says that the first one had started"
expect_version a003
expect_fail 1 dbtool current
expect_stderr_contains "the downgrade a003 stopped after 0 of its statements, while its statement 1 ran, which may have been applied;"
# The other way: refused in one line, naming the statement.
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "cannot upgrade a003: its downgrade was stopped while its statement 1 ($r3:11) ran, and whether that took effect is unknown (mysql commits each DDL statement at once); finish the downgrade with 'dbtool downgrade -1', or undo it by hand and run 'dbtool stamp a003'"
expect_version a003
expect_eq "$(sql_value "SELECT statements, running FROM dbtool_journal")" "0|1" "the refusal left the journal as it was"
# The same way: resumed at that statement, which fails, since it ran;
# the journal keeps the doubt, and the message says how to go on.
expect_fail 1 dbtool downgrade -1
expect_stderr_contains "resuming downgrade a003 at its statement 1 of 1"
expect_stderr_contains "downgrade a003 stopped at its statement 1, which may have been applied already: an earlier run was stopped while it ran (mysql commits each DDL statement at once); check the database, and if it was applied, finish the downgrade by hand and run 'dbtool stamp a002'; if not, fix the cause and run 'dbtool downgrade -1'"
expect_stderr_contains "Unknown table"
expect_eq "$(sql_value "SELECT statements, running FROM dbtool_journal")" "0|1" "the failure kept the doubt"
expect_fail 1 dbtool upgrade
expect_stderr_contains "cannot upgrade a003: its downgrade was stopped while its statement 1"
# The statement that did not run may be fixed: the downgrade resumes and
# finishes.
write_revision "$r3" "CREATE TABLE tags (id INT PRIMARY KEY);" "DROP TABLE IF EXISTS tags;"
expect_ok dbtool downgrade -1
expect_stderr_contains "resuming downgrade a003 at its statement 1 of 1"
expect_version a002
expect_tables "dbtool_version posts users"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"
# A row without the mark (killed before its first statement started):
# the other direction takes the revision for not started, as above.
expect_ok dbtool upgrade
sql_value "INSERT INTO dbtool_journal (version_num, direction, from_num, statements, hashes) VALUES ('a003', 'downgrade', 'a003', 0, '')"
expect_ok dbtool upgrade
expect_version a003
expect_tables "dbtool_version posts tags users"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"
expect_ok dbtool downgrade a002
expect_version a002
# A row that an older dbtool left, in a table without the mark's column,
# and without a failure: it may be that of a kill during the statement.
expect_ok dbtool upgrade
sql_value "DROP TABLE tags"
sql_value "ALTER TABLE dbtool_journal DROP COLUMN running"
sql_value "INSERT INTO dbtool_journal (version_num, direction, from_num, statements, hashes) VALUES ('a003', 'downgrade', 'a003', 0, '')"
expect_fail 1 dbtool upgrade
expect_error_line
expect_stderr_contains "cannot upgrade a003: its downgrade was stopped while its statement 1 ($r3:11) ran"
expect_ok dbtool downgrade -1
expect_stderr_contains "resuming downgrade a003 at its statement 1 of 1"
expect_version a002
expect_eq "$(sql_value "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'dbtool_journal' AND column_name = 'running'")" 1 \
	"the journal table has the mark's column again"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"

# --- the lock, held by another session
lock_fifo=$WORK/lock.fifo
mkfifo "$lock_fifo"
lock_name="dbtool:$MY_DATABASE"
lock_is_held() {
	[ "$(sql_value "SELECT IS_USED_LOCK('$lock_name') IS NOT NULL")" = 1 ]
}
MYSQL_PWD=$PG_PASSWORD mariadb --no-defaults --socket="$MY_SOCKET" -u "$MY_USER" -N -B \
	<"$lock_fifo" >"$WORK/holder.log" 2>&1 &
holder=$!
exec 7>"$lock_fifo"
echo "SELECT GET_LOCK('$lock_name', 10);" >&7
for _ in $(seq 100); do
	lock_is_held && break
	sleep 0.1
done
if lock_is_held; then
	pass "another session holds the lock"
else
	fail "another session should hold the lock" "$(cat "$WORK/holder.log")"
fi
expect_fail 1 dbtool --lock-timeout 1 upgrade
expect_error_line
expect_stderr_contains "another dbtool holds the migration lock of database '$MY_DATABASE'"
expect_version a002
expect_fail 1 dbtool --lock-timeout 1 stamp base
expect_stderr_contains "another dbtool holds the migration lock"
expect_version a002
# Reading needs no lock.
expect_ok dbtool current
expect_stdout_eq "a002"
printf 'SELECT RELEASE_LOCK(%s);\n' "'$lock_name'" >&7
exec 7>&-
wait "$holder"
expect_ok dbtool --lock-timeout 5 upgrade
expect_version a003

# --- a wrong password: one line, exit 1, the password never shown
bad_url=${TEST_URL/:$PG_PASSWORD_RAW@/:Wr0ngSecretPw@}
expect_fail 1 dbtool --url "$bad_url" current
expect_error_line
expect_stderr_contains "cannot connect to 'mysql://$MY_USER:***@"
expect_stderr_contains "Access denied"
if grep -qF -e Wr0ngSecretPw "$OUT" "$ERR"; then
	fail "the wrong password shows in the output" "$(show_output)"
else
	pass "the wrong password shows nowhere"
fi
expect_fail 1 dbtool --url "$bad_url" upgrade
expect_error_line
expect_version a003

# --- the model: migrate, upgrade, check, downgrade, create-all, drop-all
echo "# the model"
setup_db "$1"
expect_ok dbtool -q init
sed -i '/^url *=/d' dbtool.ini
cat >schema.sql <<'EOF'
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(40) NOT NULL UNIQUE,
	email TEXT,
	created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
	active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	title VARCHAR(200) NOT NULL,
	body TEXT,
	score NUMERIC(10,2) DEFAULT 0 CHECK (score >= 0)
);
CREATE INDEX posts_title ON posts (title);
EOF
cp schema.sql model_one.sql
expect_ok dbtool migrate -m one
expect_stderr_contains "+ table users"
expect_ok dbtool upgrade
expect_tables "dbtool_version posts users"
expect_ok dbtool check
expect_stderr_contains "model, revisions and database agree"
expect_ok dbtool migrate -m again
expect_stderr_contains "nothing to do"
expect_eq "$(find migrations/versions -name '*.sql' | wc -l)" 1 "migrate after upgrade writes nothing"
sql_value "INSERT INTO users (name, email) VALUES ('ann', 'a@x.org'); INSERT INTO posts (user_id, title, body) VALUES (1, 'hello', 'b')" >/dev/null
expect_eq "$(sql_value "SELECT concat(id, ' ', active) FROM users")" "1 1" \
	"the key auto-increments and the default applies"
cat >schema.sql <<'EOF'
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL UNIQUE,
	email TEXT,
	nick VARCHAR(20),
	created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
	active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	title VARCHAR(200) NOT NULL,
	score NUMERIC(10,2) DEFAULT 0 CHECK (score >= 0)
);
CREATE INDEX posts_title_score ON posts (title, score);
CREATE TABLE tags (id BIGINT PRIMARY KEY, label TEXT NOT NULL);
EOF
expect_ok dbtool migrate -m two
expect_stderr_contains "~ column users.name VARCHAR(40) -> VARCHAR(80)"
expect_stderr_contains "warning: drops column posts.body"
expect_ok dbtool upgrade
expect_tables "dbtool_version posts tags users"
expect_ok dbtool check
expect_eq "$(sql_value "SELECT concat(name, ' ', email) FROM users")" "ann a@x.org" "the upgrade keeps the rows"
expect_ok dbtool downgrade -1
cp schema.sql model_two.sql
cp model_one.sql schema.sql
mkdir held && mv migrations/versions/*_two.sql held/
expect_ok dbtool check
expect_eq "$(sql_value "SELECT concat(u.name, ' ', p.title) FROM users u JOIN posts p ON p.user_id = u.id")" \
	"ann hello" "the downgrade keeps the rows"
mv held/*.sql migrations/versions/
cp model_two.sql schema.sql
expect_ok dbtool upgrade
expect_ok dbtool check
expect_ok dbtool drop-all --yes
expect_tables ""
expect_ok dbtool create-all
expect_tables "posts tags users"
expect_ok dbtool drop-all --yes
expect_tables ""

# --- migrate writes '-- journal: inverse' when each change is one
# statement each way, the downgrade's in reverse order: a downgrade then
# undoes an upgrade that stopped halfway, back to the parent revision
echo "# journal: inverse"
setup_db "$1"
expect_ok dbtool -q init
sed -i '/^url *=/d' dbtool.ini
cat >schema.sql <<'EOF'
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	name VARCHAR(40) NOT NULL,
	email VARCHAR(80)
);
EOF
cp schema.sql model_one.sql
expect_ok dbtool migrate -m one
expect_ok dbtool upgrade
one_id=$(db_version)
sql_value "INSERT INTO members (name, email) VALUES ('ann', 'a@x.org'), ('bob', 'a@x.org')" >/dev/null
cat >schema.sql <<'EOF'
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	email VARCHAR(80),
	nick VARCHAR(20),
	CONSTRAINT members_email_key UNIQUE (email)
);
CREATE INDEX members_name ON members (name);
EOF
cp schema.sql model_two.sql
expect_ok dbtool migrate -m two
two=$(cat "$OUT")
expect_eq "$(grep -c '^-- journal: inverse$' "$two")" 1 "the revision says '-- journal: inverse'"
expect_eq "$(grep -c ';$' "$two")" 8 "four statements each way"
# The two rows share an email: the unique constraint, the third
# statement, fails after two committed.
expect_fail 1 dbtool upgrade
expect_stderr_contains "stopped at its statement 3, after 2 committed"
expect_stderr_contains "members_email_key"
expect_eq "$(sql_value "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'members' AND (column_name = 'nick' OR (column_name = 'name' AND character_maximum_length = 80))")" 2 \
	"nick was added and name widened"
expect_ok dbtool downgrade -1
expect_stderr_contains "at its statement 3 of 4"
expect_ok dbtool current
expect_stdout_eq "$one_id"
expect_eq "$(sql_value "SELECT count(*) FROM dbtool_journal")" 0 "the journal is empty"
expect_eq "$(sql_value "SELECT group_concat(concat(name, ' ', email) ORDER BY id) FROM members")" \
	"ann a@x.org,bob a@x.org" "the rows are as they were"
mkdir held && mv "$two" held/
cp model_one.sql schema.sql
expect_ok dbtool check
expect_stderr_contains "model, revisions and database agree"
mv held/*.sql migrations/versions/
cp model_two.sql schema.sql
sql_value "UPDATE members SET email = 'b@x.org' WHERE name = 'bob'" >/dev/null
expect_ok dbtool upgrade
expect_ok dbtool check

# A change that loses data (a dropped column) costs the header: the file
# says why, and a downgrade refuses to undo what ran.
cat >schema.sql <<'EOF'
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	email VARCHAR(80),
	CONSTRAINT members_email_key UNIQUE (email),
	CONSTRAINT members_name_key UNIQUE (name)
);
CREATE INDEX members_name ON members (name);
EOF
expect_ok dbtool migrate -m three
three=$(cat "$OUT")
expect_eq "$(grep -c '^-- journal:' "$three")" 0 "no '-- journal: inverse'"
expect_eq "$(grep -c "^-- no '-- journal: inverse' header: a change loses data that its inverse cannot bring back" "$three")" 1 \
	"the downgrade says why"
sql_value "UPDATE members SET name = 'ann'" >/dev/null
expect_fail 1 dbtool upgrade
expect_stderr_contains "stopped at its statement 2, after 1 committed"
expect_fail 1 dbtool downgrade -1
expect_error_line
expect_stderr_contains "cannot undo the 1 statements of the upgrade of"
expect_stderr_contains "its header does not say '-- journal: inverse'"
sql_value "UPDATE members SET name = 'bob' WHERE email = 'b@x.org'" >/dev/null
expect_ok dbtool upgrade
expect_stderr_contains "at its statement 2 of 2"
expect_ok dbtool check

# MariaDB compares column names ignoring case: a model that writes a
# column in another case than the database stores it declares the same
# column, so that only the new column is added and the rows stay.
sql_value 'CREATE TABLE tags (id INTEGER PRIMARY KEY, `Label` VARCHAR(20), `Big Note` TEXT)' >/dev/null
sql_value "INSERT INTO tags (id, \`Label\`, \`Big Note\`) VALUES (1, 'red', 'kept')" >/dev/null
cat >schema.sql <<'EOF'
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	email VARCHAR(80),
	CONSTRAINT members_email_key UNIQUE (email),
	CONSTRAINT members_name_key UNIQUE (name)
);
CREATE INDEX members_name ON members (name);
CREATE TABLE tags (
	id INTEGER PRIMARY KEY,
	label VARCHAR(20),
	"big note" TEXT,
	color VARCHAR(10)
);
EOF
expect_fail 1 dbtool check
expect_stdout_eq '+ column tags.color VARCHAR(10) NULL'
expect_ok dbtool migrate -m tag_color
expect_ok dbtool upgrade
expect_ok dbtool check
expect_eq "$(sql_value 'SELECT id, label, `big note`, color FROM tags')" "1|red|kept|" \
	"columns written in another case keep their rows"

finish
