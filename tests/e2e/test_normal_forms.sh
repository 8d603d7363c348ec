#!/bin/bash
#
# test_normal_forms.sh - the database normalizes the model: whatever form
# the user declares, right after `upgrade` the database agrees with the
# model (`migrate` finds nothing to do, `check` exits 0 and finds
# nothing), and what the database holds is what was declared.  Each case
# is one model that batches many forms (CHECKs and defaults the database
# rewrites, partial and expression indexes, types kept as declared,
# quoted names, casts and typed literals, operator classes, MATCH FULL,
# generated columns, STRICT and WITHOUT ROWID tables; on MariaDB its
# rewritten CHECKs and defaults, its own type names, UNSIGNED and
# ZEROFILL, key prefixes, DESC and FULLTEXT keys, foreign key actions,
# reserved words and odd characters as names, table options); then the
# databases' own dumps (`pg_dump --schema-only` with its SET lines, OWNER
# TO, sequences OWNED BY and ALTER TABLE ... ADD CONSTRAINT after the
# tables, dbtool's own tables among them; `sqlite3 .schema`, also of a
# database made by hand; `mariadb-dump --no-data` of a database made by
# hand) are the model;
# then DROP TABLE in a model takes along what the database drops with a
# table (triggers, owned sequences, with CASCADE views) and refuses what
# the database refuses.
#
# Every model goes the whole round trip: `migrate`, `upgrade`, `migrate`
# writes nothing, `check` exits 0, then `downgrade -1` and `upgrade`
# bring the database back to head, where `check` and `migrate` agree
# again and the rows of the tables that were there before the revision
# are what they were.  So the forms are mostly a change of plain tables
# that a first revision made and that hold rows (`base`): ADD CHECK,
# defaults, ALTER TYPE, indexes, generated columns added.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_normal_forms.sh sqlite|postgres|mariadb

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIALECT_ARG=$1

# fresh: a new project folder and database, with dbtool.ini from init.
fresh() {
	setup_db "$DIALECT_ARG"
	expect_ok dbtool init
}

# base MODEL ROWS: the case's tables in a plain form (MODEL), made by a
# first revision, and then rows in them (ROWS, SQL that satisfies the
# CHECKs and keys the forms add later): the forms are then a change on
# tables that hold rows, as they would be in a live database.
base() {
	printf '%s\n' "$1" >schema.sql
	expect_ok dbtool migrate -m "base"
	expect_ok dbtool upgrade
	if sql_value "$2" >"$WORK/rows.out" 2>&1; then
		pass "rows inserted into the base tables"
	else
		fail "rows should go into the base tables" "$(cat "$WORK/rows.out")"
	fi
}

# round_trip WHAT: schema.sql is the model: migrate writes a revision,
# upgrade applies it, and then the database agrees with the model:
# migrate writes nothing and check exits 0 with no finding.  Then the
# whole round trip: downgrade -1 takes the revision back (to the version
# before it), upgrade applies it again, the database is back at head and
# still agrees with the model, and the rows of the tables that were there
# before the revision (base) are what they were.
round_trip() {
	local before prev head rows pre
	local -a pre_tables
	prev=$(db_version)
	mapfile -t pre_tables < <(tables | grep -vx dbtool_version)
	expect_ok dbtool migrate -m "$1"
	expect_ok dbtool upgrade
	before=$(revisions)
	expect_ok dbtool migrate -m "$1 again"
	expect_stderr_contains "$NOTHING_TO_DO"
	expect_eq "$(revisions)" "$before" "$1: migrate after upgrade writes no revision"
	expect_ok dbtool check
	expect_stdout_eq ""

	head=$(db_version)
	pre=${pre_tables[*]}
	rows=
	[ -z "$pre" ] || rows=$(table_rows "${pre_tables[@]}")
	if [ -n "$pre" ] && ! grep -qv '^rows of ' <<<"$rows"; then
		fail "$1: the tables made before the revision ($pre) should hold rows"
	fi
	expect_ok dbtool downgrade -1
	expect_version "$prev"
	expect_ok dbtool upgrade
	expect_version "$head"
	expect_ok dbtool check
	expect_stdout_eq ""
	expect_ok dbtool migrate -m "$1 after downgrade and upgrade"
	expect_stderr_contains "$NOTHING_TO_DO"
	expect_eq "$(revisions)" "$before" "$1: migrate after downgrade and upgrade writes no revision"
	expect_eq "$([ -z "$pre" ] || table_rows "${pre_tables[@]}")" "$rows" \
		"$1: the rows of the tables made before the revision (${pre:-none}) are kept through downgrade -1 and upgrade"
}

# ------------------------------------------------------------ PostgreSQL

# The tables of the second PostgreSQL case in a plain form (types as
# declared, no defaults, collation, foreign key or index), and rows in
# them that its foreign key (MATCH FULL) takes.
PG_BASE='CREATE TABLE "select" ("order" INTEGER NOT NULL, "from" INTEGER NOT NULL, PRIMARY KEY ("order", "from"));
CREATE TABLE "Users" (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE kinds (id BIGINT PRIMARY KEY, note TEXT, meta JSONB, bits BIT(3), hex BIT(8), day DATE,
    span INTERVAL, tags TEXT[], addr INET, net CIDR, mac MACADDR, price MONEY, doc TSVECTOR,
    during TSRANGE, nums INT4RANGE, vbits BIT VARYING(8), x XML, tt TIME WITH TIME ZONE,
    "order" INTEGER, "from" INTEGER);'
PG_ROWS="INSERT INTO \"select\" VALUES (1, 2), (2, 1);
INSERT INTO \"Users\" VALUES (1, 'A');
INSERT INTO users VALUES (1, 'a'), (2, 'B');
INSERT INTO kinds VALUES (1, 'n', '{\"k\": 1}', B'101', X'1F', '2020-01-01', '1 day', '{a,b}', '10.0.0.1',
    '10.0.0.0/8', '08:00:2b:01:02:03', 1.5, 'a b', '[2020-01-01,2020-02-01)', '[1,5)', B'101', '<a/>',
    '10:00+02', 1, 2),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL)"

pg_forms() {
	# CHECKs, defaults and index predicates that PostgreSQL stores in
	# another form than they are written: a change of a table that holds
	# rows.
	fresh
	base 'CREATE TABLE ratings (id INTEGER PRIMARY KEY, m INTEGER, s TEXT, s2 TEXT, a INTEGER, b INTEGER,
    ts TIMESTAMP, t TIME, x NUMERIC, y INTEGER, created_at TIMESTAMP WITH TIME ZONE, r REAL, n NUMERIC,
    doc JSONB, name TEXT);' \
		"INSERT INTO ratings VALUES (101, 3, 'a', 'b', 2, 0, '2021-01-01', '11:00', 1, 1,
    '2021-01-01 00:00+00', 2.5, 3.25, '{\"k\": 1}', 'n'), (102, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
	cat >schema.sql <<'EOF'
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    m INTEGER CHECK (m BETWEEN 1 AND 5),
    s TEXT CHECK (s IN ('a')),
    s2 TEXT CHECK (s2 NOT IN ('a')),
    a INTEGER,
    b INTEGER,
    ts TIMESTAMP CHECK (ts > '2020-01-01'),
    t TIME CHECK (t >= '10:00'::TIME),
    x NUMERIC CHECK (x = numeric '1'),
    y INTEGER CHECK (NOT (y = 2)),
    created_at TIMESTAMP WITH TIME ZONE CHECK (created_at AT TIME ZONE 'UTC' < now()),
    r REAL DEFAULT 1e3,
    n NUMERIC DEFAULT 1.50,
    doc JSONB,
    name TEXT,
    CHECK ((a, b) > (1, 2))
);
CREATE INDEX ix_m ON ratings (m) WHERE m BETWEEN 1 AND 5;
CREATE INDEX ix_s ON ratings (s) WHERE s IN ('a') AND s2 NOT IN ('a');
CREATE INDEX ix_ab ON ratings (a) WHERE (a, b) > (1, 2);
CREATE INDEX ix_ts ON ratings (ts) WHERE ts > '2020-01-01' AND t >= '10:00'::TIME AND x = numeric '1' AND NOT (y = 2);
CREATE INDEX ix_c ON ratings ((COALESCE(name, '')));
CREATE INDEX ix_at ON ratings ((created_at AT TIME ZONE 'UTC') DESC);
EOF
	round_trip "checks defaults and indexes"
	expect_eq "$(sql_value "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'ratings'::regclass AND attname = 'doc'")" \
		jsonb "JSONB is jsonb in the database"
	expect_eq "$(sql_value "SELECT count(*) FROM pg_constraint WHERE conrelid = 'ratings'::regclass AND contype = 'c'")" \
		9 "the nine CHECKs are in the database"
	expect_eq "$(sql_value "INSERT INTO ratings (m) VALUES (3) RETURNING r || '|' || n")" \
		"1000|1.50" "REAL DEFAULT 1e3 and NUMERIC DEFAULT 1.50 give their values"

	# Types kept as declared, casts and typed literals, operator
	# classes, MATCH FULL, reserved words as names, "Users" beside users,
	# a collation qualified as pg_dump writes it: the defaults, the
	# collation, the foreign key and the indexes a change of tables that
	# hold rows.
	fresh
	base "$PG_BASE" "$PG_ROWS"
	cat >schema.sql <<'EOF'
CREATE TABLE "select" (
    "order" INTEGER NOT NULL,
    "from" INTEGER NOT NULL,
    PRIMARY KEY ("order", "from")
);
CREATE TABLE "Users" (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT COLLATE pg_catalog."C");
CREATE TABLE kinds (
    id BIGINT PRIMARY KEY,
    note TEXT DEFAULT NULL::text,
    meta JSONB DEFAULT '{}'::jsonb,
    bits BIT(3) DEFAULT B'101',
    hex BIT(8) DEFAULT X'1F',
    day DATE DEFAULT DATE '2020-01-01',
    span INTERVAL DEFAULT interval '1 day',
    tags TEXT[],
    addr INET,
    net CIDR,
    mac MACADDR,
    price MONEY,
    doc TSVECTOR,
    during TSRANGE,
    nums INT4RANGE,
    vbits BIT VARYING(8),
    x XML,
    tt TIME WITH TIME ZONE,
    "order" INTEGER,
    "from" INTEGER,
    CONSTRAINT kinds_sel_fk FOREIGN KEY ("order", "from") REFERENCES "select" ("order", "from") MATCH FULL ON DELETE CASCADE
);
CREATE INDEX ix_name_pattern ON users USING btree (name text_pattern_ops);
CREATE INDEX ix_name_c ON "Users" (name COLLATE pg_catalog."C");
CREATE INDEX "Ix" ON "Users" (id);
CREATE INDEX ix ON users (id);
EOF
	round_trip "types and names"
	expect_eq "$(sql_value "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'kinds'::regclass AND attnum > 0")" \
		"id bigint, note text, meta jsonb, bits bit(3), hex bit(8), day date, span interval, tags text[], addr inet, net cidr, mac macaddr, price money, doc tsvector, during tsrange, nums int4range, vbits bit varying(8), x xml, tt time with time zone, order integer, from integer" \
		"every type is the one declared"
	expect_eq "$(sql_value "SELECT string_agg(relname, ' ' ORDER BY relname COLLATE \"C\") FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname ILIKE 'users'")" \
		"Users users" "\"Users\" and users are two tables"
	expect_eq "$(sql_value "SELECT string_agg(conname, ' ' ORDER BY conname COLLATE \"C\") FROM pg_constraint WHERE conname ILIKE 'users_pkey%'")" \
		"Users_pkey users_pkey" "their keys are named as PostgreSQL names them"
	expect_eq "$(sql_value "SELECT string_agg(indexname, ' ' ORDER BY indexname COLLATE \"C\") FROM pg_indexes WHERE indexname ILIKE 'ix'")" \
		"Ix ix" "\"Ix\" and ix are two indexes"
	expect_eq "$(sql_value "SELECT collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation WHERE attrelid = 'users'::regclass AND attname = 'name'")" \
		C "users.name has the collation C"
	expect_eq "$(sql_value "SELECT confmatchtype FROM pg_constraint WHERE conname = 'kinds_sel_fk'")" \
		f "the foreign key is MATCH FULL"
	expect_eq "$(sql_value "SELECT pg_get_indexdef('ix_name_pattern'::regclass)")" \
		"CREATE INDEX ix_name_pattern ON public.users USING btree (name text_pattern_ops)" \
		"the index has its operator class"

	# pg_dump --schema-only of that database, with a table whose key
	# takes nextval() of a sequence it owns, constraints added after
	# the tables and a view, is the model: of that database, and of an
	# empty one.
	sql_value "CREATE SEQUENCE legacy_id_seq;
CREATE TABLE legacy (id integer NOT NULL DEFAULT nextval('legacy_id_seq'), k bigint, label text DEFAULT 'x'::text);
ALTER SEQUENCE legacy_id_seq OWNED BY legacy.id;
ALTER TABLE legacy ADD CONSTRAINT legacy_pk PRIMARY KEY (id);
ALTER TABLE legacy ADD CONSTRAINT legacy_k_fk FOREIGN KEY (k) REFERENCES kinds (id);
ALTER TABLE legacy ADD CONSTRAINT legacy_label_check CHECK (label IN ('x', 'y'));
CREATE VIEW v_legacy AS SELECT id, k FROM legacy WHERE label <> 'y';
CREATE TABLE \"Accounts\" (id integer PRIMARY KEY, email text UNIQUE);
CREATE TABLE accounts (id integer PRIMARY KEY, email text UNIQUE);
CREATE INDEX \"Ax\" ON \"Accounts\" (email);
CREATE INDEX ax ON accounts (email)" >/dev/null
	pg_dump --schema-only --dbname="$TEST_URL" >"$WORK/pg.dump" 2>"$ERR" </dev/null
	for form in '^SET ' 'OWNER TO' 'OWNED BY' 'ADD CONSTRAINT .* FOREIGN KEY' 'COLLATE pg_catalog."C"' \
		'CREATE TABLE public.dbtool_version'; do
		if grep -q -- "$form" "$WORK/pg.dump"; then
			pass "the dump holds '$form'"
		else
			fail "the dump should hold '$form'"
		fi
	done
	cp "$WORK/pg.dump" schema.sql
	agrees "the dump of the database"
	fresh
	cp "$WORK/pg.dump" schema.sql
	round_trip "the dump as the model of an empty database"
	fresh
	base "$PG_BASE" "$PG_ROWS"
	cp "$WORK/pg.dump" schema.sql
	round_trip "the dump as the model of a database with plain tables"
	expect_eq "$(sql_value "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'kinds'::regclass AND attname = 'meta'")" \
		jsonb "kinds.meta is jsonb"
	expect_eq "$(sql_value "SELECT pg_get_serial_sequence('legacy', 'id') IS NOT NULL")" t \
		"legacy.id takes its values from a sequence it owns"
}

# DROP TABLE in a model, as the database does it.
pg_drop_table() {
	fresh
	base 'CREATE TABLE keep (id INTEGER PRIMARY KEY);' "INSERT INTO keep VALUES (1), (2)"
	cat >schema.sql <<'EOF'
CREATE TABLE keep (id INTEGER PRIMARY KEY);
CREATE TABLE gone (id INTEGER PRIMARY KEY, n INTEGER);
CREATE SEQUENCE gone_n_seq;
ALTER SEQUENCE gone_n_seq OWNED BY gone.n;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER gone_touch BEFORE INSERT ON gone FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TABLE gone IS 'to be dropped';
CREATE VIEW gone_view AS SELECT id FROM gone;
CREATE VIEW gone_view2 AS SELECT id FROM gone_view;
CREATE VIEW keep_view AS SELECT id FROM keep;
DROP TABLE gone;
EOF
	expect_fail 1 dbtool check
	expect_stderr_contains "schema.sql:11:12: cannot drop table 'gone': view 'gone_view' uses it"
	sed -i 's/^DROP TABLE gone;/DROP TABLE gone CASCADE;/' schema.sql
	round_trip "drop table cascade"
	expect_eq "$(sql_value "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'S') AND relname NOT LIKE 'dbtool%'")" \
		"keep keep_id_seq keep_view" "only keep, its key's sequence and its view are made: the dropped table's sequence, trigger and views went with it"
	expect_eq "$(sql_value "SELECT count(*) FROM pg_proc WHERE proname = 'touch'")" 1 "the trigger's function stays"
}

# ---------------------------------------------------------------- SQLite

# The tables of the SQLite forms in a plain form, and rows in them.
SQLITE_BASE="CREATE TABLE plain (id INT PRIMARY KEY, -- dbtool: no-autoincrement
    at TEXT, amount TEXT, doc TEXT, anything TEXT, whatever TEXT, label TEXT, nm TEXT);
CREATE TABLE [bracket table] ([my col] INTEGER PRIMARY KEY, \`back col\` TEXT);
CREATE TABLE 'single quoted' (id INTEGER PRIMARY KEY, name TEXT, other TEXT, yes BOOLEAN);
CREATE TABLE gen (a INTEGER, b INTEGER);
CREATE TABLE st (id INTEGER PRIMARY KEY, name TEXT, v ANY);
CREATE TABLE wr (k TEXT PRIMARY KEY, v INTEGER);
CREATE TABLE chk (m INTEGER, s TEXT, s2 TEXT, y INTEGER, r REAL, n NUMERIC, name TEXT);"
SQLITE_ROWS="INSERT INTO plain (id, at, nm) VALUES (1, '2020-01-01 10:00:00', 'n'), (2, NULL, NULL);
INSERT INTO [bracket table] VALUES (1, 'b'), (2, NULL);
INSERT INTO 'single quoted' VALUES (10, 'n', 'o', 0), (11, NULL, NULL, NULL);
INSERT INTO gen VALUES (4, 5), (NULL, NULL);
INSERT INTO st VALUES (1, 'a', 1), (2, NULL, 'v');
INSERT INTO wr VALUES ('a', 1), ('b', NULL);
INSERT INTO chk VALUES (3, 'a', 'b', 1, 2.5, 1.25, 'n'), (NULL, NULL, NULL, NULL, NULL, NULL, NULL);"

sqlite_forms() {
	fresh
	base "$SQLITE_BASE" "$SQLITE_ROWS"
	cat >schema.sql <<'EOF'
CREATE TABLE plain (
    id INT PRIMARY KEY, -- dbtool: no-autoincrement
    at DATETIME,
    amount DECIMAL(12),
    doc JSONB,
    anything,
    whatever ANY,
    label STRING,
    nm NVARCHAR(40)
);
CREATE TABLE [bracket table] ([my col] INTEGER PRIMARY KEY, `back col` TEXT);
CREATE TABLE 'single quoted' (id INTEGER PRIMARY KEY, name TEXT DEFAULT hello, other TEXT DEFAULT "word", yes BOOLEAN DEFAULT true);
CREATE TABLE gen (a INTEGER, b INTEGER, c AS (a + b), d INTEGER GENERATED ALWAYS AS (a * b) STORED);
CREATE TABLE st (id INTEGER PRIMARY KEY, name TEXT, v ANY) STRICT;
CREATE TABLE wr (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
CREATE TABLE chk (
    m INTEGER CHECK (m BETWEEN 1 AND 5),
    s TEXT CHECK (s IN ('a')),
    s2 TEXT CHECK (s2 NOT IN ('a')),
    y INTEGER CHECK (NOT (y = 2)),
    r REAL DEFAULT 1e3,
    n NUMERIC DEFAULT 1.50,
    name TEXT
);
CREATE INDEX ix_chk ON chk (m) WHERE m BETWEEN 1 AND 5 AND s IN ('a');
CREATE INDEX ix_co ON chk (COALESCE(name, ''));
CREATE VIEW v_chk AS SELECT m, name FROM [chk];
CREATE TRIGGER tr_chk AFTER INSERT ON chk BEGIN UPDATE chk SET name = 'x' WHERE name IS NULL; END;
EOF
	round_trip "sqlite forms"
	expect_eq "$(sql_value "SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('plain')")" \
		"id INT, at DATETIME, amount DECIMAL(12), doc JSONB, anything , whatever ANY, label STRING, nm NVARCHAR(40)" \
		"every declared type is kept as written"
	expect_eq "$(sql_value "INSERT INTO plain (id) VALUES (NULL); SELECT typeof(id) FROM plain WHERE rowid = last_insert_rowid()")" null \
		"plain.id INT PRIMARY KEY is no rowid alias: it holds NULL"
	expect_eq "$(sql_value "INSERT INTO 'single quoted' (id) VALUES (1); SELECT name || '|' || other || '|' || yes FROM 'single quoted' WHERE id = 1")" \
		"hello|word|1" "DEFAULT hello is the string 'hello', as SQLite takes it"
	expect_eq "$(sql_value "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'dbtool%' ORDER BY name)")" \
		"bracket table chk gen plain single quoted st wr" "the tables have their names"
	expect_eq "$(sql_value "SELECT count(*) FROM sqlite_master WHERE name IN ('st', 'wr') AND (sql LIKE '%STRICT' OR sql LIKE '%WITHOUT ROWID')")" \
		2 "STRICT and WITHOUT ROWID are kept"
	expect_eq "$(sql_value "INSERT INTO gen (a, b) VALUES (2, 3); SELECT c || '|' || d FROM gen WHERE a = 2 AND b = 3")" "5|6" \
		"the generated columns compute"

	# That database's .schema, as the model of an empty database.
	sqlite3 "$DB_FILE" .schema >"$WORK/sqlite.dump"
	if grep -q '^CREATE TABLE dbtool_version' "$WORK/sqlite.dump"; then
		pass "the dump holds dbtool's own tables"
	else
		fail "the dump should hold dbtool's own tables" "$(cat "$WORK/sqlite.dump")"
	fi
	cp "$WORK/sqlite.dump" schema.sql
	agrees "the dump of the database"
	fresh
	cp "$WORK/sqlite.dump" schema.sql
	round_trip "the dump as the model of an empty database"
	fresh
	base "$SQLITE_BASE" "$SQLITE_ROWS"
	cp "$WORK/sqlite.dump" schema.sql
	round_trip "the dump as the model of a database with plain tables"

	# A database made by hand (not by dbtool): its .schema is the model.
	fresh
	sqlite3 "$DB_FILE" "CREATE TABLE [b t] ([x y] INTEGER PRIMARY KEY AUTOINCREMENT, z DEFAULT hello, \`w\` TEXT DEFAULT [q]);
CREATE TABLE 'notes' (id INTEGER PRIMARY KEY, at DATETIME DEFAULT CURRENT_TIMESTAMP, body NVARCHAR(40) NOT NULL DEFAULT '', ref INTEGER REFERENCES [b t] ([x y]), [Total]NUMERIC DEFAULT 0, CHECK ([Total]>=(0) AND \`Total\` < 1000));
CREATE TABLE pairs (x, y DEFAULT -0x10, PRIMARY KEY (x DESC, y));
CREATE INDEX ix_notes ON notes (body COLLATE NOCASE) WHERE body <> '';
CREATE VIEW v AS SELECT * FROM [notes] WHERE [Total] > 0;
CREATE TRIGGER tr AFTER INSERT ON notes BEGIN SELECT 1; END;"
	sqlite3 "$DB_FILE" .schema >schema.sql
	agrees "the dump of a database made by hand"
	expect_eq "$(sql_value "INSERT INTO [b t] DEFAULT VALUES; SELECT z || '|' || w FROM [b t]")" "hello|q" \
		"the defaults are still the strings SQLite made of them"
	# The same dump as a change of plain tables that hold rows.
	cp schema.sql "$WORK/sqlite-hand.dump"
	fresh
	base "CREATE TABLE [b t] ([x y] INTEGER PRIMARY KEY, z, \`w\` TEXT);
CREATE TABLE notes (id INTEGER PRIMARY KEY, at DATETIME, body NVARCHAR(40) NOT NULL DEFAULT '', ref INTEGER, [Total] NUMERIC);
CREATE TABLE pairs (x, y, PRIMARY KEY (x DESC, y));" \
		"INSERT INTO [b t] VALUES (1, 'a', 'b'), (2, NULL, NULL);
INSERT INTO notes VALUES (1, '2021-01-01 10:00:00', 'hi', 1, 5), (2, NULL, '', NULL, NULL);
INSERT INTO pairs VALUES (1, 2), (2, 1);"
	cp "$WORK/sqlite-hand.dump" schema.sql
	round_trip "the dump of a database made by hand as the model of a database with plain tables"
}

sqlite_drop_table() {
	fresh
	base 'CREATE TABLE keep (id INTEGER PRIMARY KEY);' "INSERT INTO keep VALUES (1), (2)"
	cat >schema.sql <<'EOF'
CREATE TABLE keep (id INTEGER PRIMARY KEY);
CREATE TABLE gone (id INTEGER PRIMARY KEY, n INTEGER);
CREATE TRIGGER gone_tr AFTER INSERT ON gone BEGIN INSERT INTO keep (id) VALUES (NEW.id); END;
CREATE TRIGGER keep_tr AFTER INSERT ON keep BEGIN SELECT 1; END;
CREATE VIEW gone_view AS SELECT id FROM gone;
DROP TABLE gone;
EOF
	expect_fail 1 dbtool migrate -m "drop table"
	expect_stderr_contains "schema.sql:6:12: cannot drop table 'gone': view 'gone_view' uses it"
	sed -i '/^CREATE VIEW gone_view/d' schema.sql
	round_trip "drop table"
	expect_eq "$(sql_value "SELECT group_concat(type || ' ' || name, ', ') FROM (SELECT type, name FROM sqlite_master WHERE tbl_name NOT LIKE 'dbtool%' ORDER BY name)")" \
		"table keep, trigger keep_tr" "the table's trigger went with it"
}

# --------------------------------------------------------------- MariaDB

# The plain tables that the MariaDB forms change, and rows in them.
MARIADB_BASE='CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL);
CREATE TABLE items (
    id INT PRIMARY KEY,
    m INT,
    s VARCHAR(10),
    y INT,
    k INT,
    a INT,
    b INT,
    n INT,
    r REAL,
    label VARCHAR(40),
    note VARCHAR(40),
    parent_id INT,
    flag INT,
    amount INT,
    ratio FLOAT,
    f2 DOUBLE PRECISION,
    body VARCHAR(100),
    kind VARCHAR(10),
    tags VARCHAR(20),
    at DATETIME,
    created DATETIME,
    changed DATETIME(6),
    born DATE,
    qty INT,
    code INT,
    doc TEXT,
    memo TEXT,
    dd DOUBLE PRECISION
);
CREATE TABLE more (id INT PRIMARY KEY, a INT, b VARCHAR(20), c VARCHAR(40), d INT, e INT, f INT, g INT, h INT,
    i TIME, j VARCHAR(10));
CREATE TABLE `select` (
    `order` INT NOT NULL,
    `from` INT NOT NULL,
    `key` VARCHAR(10),
    `odd name-1` INT,
    "Mixed" VARCHAR(10),
    PRIMARY KEY (`order`, `from`)
);'
MARIADB_ROWS="INSERT INTO parent VALUES (1, 'p1'), (2, 'p2');
INSERT INTO items (id, m, s, y, k, a, b, n, r, label, note, parent_id, flag, amount, ratio, f2, body,
  kind, tags, at, created, changed, born, qty, code, doc, memo, dd)
VALUES (1, 3, 'a', 1, 1, 2, 3, 4, 1.5, 'hello', 'n', 1, 1, 12, 0.5, 0.25, 'some text', 'a', 'x,y',
  '2021-01-01 10:00:00', '2021-02-03 04:05:06', '2021-02-03 04:05:06.123456', '2000-01-02', 7, 42,
  '{\"k\": 1}', 'a memo', 1.25),
 (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO more VALUES (1, 1, 'xa', 'c', 2, 3, 4, 2020, 5, '10:00:00', 'ab'),
 (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO \`select\` VALUES (1, 2, 'x', 3, 'M'), (2, 1, NULL, NULL, NULL)"

mariadb_forms() {
	# CHECKs MariaDB rewrites (BETWEEN, IN, NOT, CASE, functions,
	# backquotes), defaults (CURRENT_TIMESTAMP, now(6), numbers, strings,
	# expressions in parentheses), types it spells in its own words,
	# generated columns, index forms, a foreign key with actions,
	# reserved words and odd characters as names, and the table options
	# mariadb-dump prints: a change of tables that hold rows.
	fresh
	base "$MARIADB_BASE" "$MARIADB_ROWS"
	cat >schema.sql <<'EOF'
CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, UNIQUE (code));
CREATE TABLE items (
    id INT PRIMARY KEY,
    m INT CHECK (m BETWEEN 1 AND 5),
    s VARCHAR(10) DEFAULT 'x' CHECK (s IN ('a', 'b', 'x')),
    y INT CHECK (NOT (y = 2)),
    k INT CHECK (CASE WHEN k > 0 THEN k ELSE 1 END > 0),
    a INT DEFAULT (1 + 2),
    b INT DEFAULT -5,
    n INT DEFAULT 5,
    r REAL DEFAULT 1e3,
    label VARCHAR(40) CHECK (char_length(`label`) < 30),
    note VARCHAR(40) DEFAULT 'it''s',
    parent_id INT,
    flag BOOLEAN DEFAULT TRUE,
    amount DECIMAL(12),
    ratio DOUBLE,
    f2 FLOAT DEFAULT 2.5,
    body MEDIUMTEXT,
    kind ENUM('a', 'b') DEFAULT 'b',
    tags SET('x', 'y'),
    at DATETIME(6),
    created DATETIME DEFAULT CURRENT_TIMESTAMP,
    changed DATETIME(6) DEFAULT now(6),
    born DATE DEFAULT (curdate()),
    qty INT UNSIGNED,
    code INT(5) ZEROFILL,
    doc JSON,
    memo TEXT,
    dd DOUBLE(10,2),
    total INT AS (a + b) VIRTUAL,
    total2 INT GENERATED ALWAYS AS (a * b) STORED,
    CONSTRAINT items_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL
);
CREATE TABLE more (
    id INT PRIMARY KEY,
    a INT CHECK (a IS NOT NULL OR a IS NULL),
    b VARCHAR(20) CHECK (b LIKE 'x%' OR b REGEXP '^[a-z]+$'),
    c VARCHAR(40) DEFAULT (uuid()) CHECK (COALESCE(c, '') <> 'bad'),
    d MEDIUMINT CHECK (IF(d > 0, 1, 0) = 1 OR d IS NULL),
    e SMALLINT UNSIGNED DEFAULT 0,
    f BIGINT UNSIGNED CHECK (CAST(f AS CHAR) <> 'x'),
    g YEAR,
    h TINYINT,
    i TIME(3),
    j CHAR(2) COLLATE utf8mb4_bin
);
CREATE TABLE blobs (
    id INT PRIMARY KEY,
    bin BINARY(16),
    vb VARBINARY(20),
    bt BIT(8) DEFAULT b'101',
    tt TINYTEXT,
    lb LONGBLOB,
    lt LONGTEXT,
    fl FLOAT(7,3) UNSIGNED,
    expires DATETIME DEFAULT (CURRENT_TIMESTAMP + INTERVAL 1 DAY)
);
CREATE TABLE `select` (
    `order` INT NOT NULL,
    `from` INT NOT NULL,
    `key` VARCHAR(10) DEFAULT 'k',
    `odd name-1` INT CHECK (`odd name-1` >= 0),
    "Mixed" VARCHAR(10),
    PRIMARY KEY (`order`, `from`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE INDEX ix_label ON items (label(10));
CREATE INDEX ix_m_desc ON items (m DESC, s);
CREATE FULLTEXT INDEX ix_body ON items (body);
CREATE UNIQUE INDEX ux_kind ON items (kind, id);
CREATE INDEX `ix odd-name` ON `select` (`key`, "Mixed");
EOF
	round_trip "mariadb forms"
	expect_eq "$(sql_value "SELECT GROUP_CONCAT(column_name, ' ', column_type ORDER BY ordinal_position SEPARATOR ', ') FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'items' AND column_name IN ('flag', 'amount', 'ratio', 'f2', 'body', 'kind', 'tags', 'at', 'qty', 'code', 'doc', 'memo', 'dd')")" \
		"flag tinyint(1), amount decimal(12,0), ratio double, f2 double, body mediumtext, kind enum('a','b'), tags set('x','y'), at datetime(6), qty int(10) unsigned, code int(5) unsigned zerofill, doc longtext, memo text, dd double(10,2)" \
		"every type is MariaDB's spelling of the one declared"
	expect_eq "$(sql_value "SELECT COUNT(*) FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() AND table_name = 'items'")" \
		6 "the five CHECKs of items and the one of JSON are in the database"
	expect_eq "$(sql_value "SELECT GROUP_CONCAT(index_name, ' ', index_type, ' ', column_name, ' ', COALESCE(sub_part, '-'), ' ', COALESCE(collation, '-') ORDER BY index_name, seq_in_index SEPARATOR ', ') FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'items' AND index_name LIKE 'i%'")" \
		"items_parent_fk BTREE parent_id - A, ix_body FULLTEXT body - -, ix_label BTREE label 10 A, ix_m_desc BTREE m - D, ix_m_desc BTREE s - A" \
		"the indexes have their prefix, DESC and FULLTEXT"
	expect_eq "$(sql_value "SELECT CONCAT(delete_rule, ' ', update_rule) FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND constraint_name = 'items_parent_fk'")" \
		"CASCADE SET NULL" "the foreign key has its actions"
	expect_eq "$(sql_value "INSERT INTO items (id, parent_id) VALUES (3, 2); SELECT CONCAT_WS('|', s, a, b, n, r, note, flag, f2, kind, created IS NOT NULL, changed IS NOT NULL, born = CURDATE(), total, total2) FROM items WHERE id = 3")" \
		"x|3|-5|5|1000|it's|1|2.5|b|1|1|1|-2|-15" "the defaults give their values and the generated columns compute"
	expect_eq "$(sql_value "SELECT CONCAT_WS('|', \`key\`, \`odd name-1\`, Mixed) FROM \`select\` WHERE \`order\` = 1")" \
		"x|3|M" "the names with reserved words and odd characters hold their rows"

	# What MariaDB keeps and the model does not hold is refused at its
	# place, saying so.
	cat >schema.sql <<'EOF'
CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, UNIQUE (code));
CREATE TABLE stamped (id INT PRIMARY KEY, ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP) ROW_FORMAT=DYNAMIC;
EOF
	expect_fail 1 dbtool check
	expect_stderr_contains "schema.sql:2:92: table 'stamped' has the table option 'ROW_FORMAT', which the model does not hold: remove it (the model keeps MariaDB's defaults only)"

	# mariadb-dump --no-data of a database made by hand is the model, as
	# it is: of that database, and as a change of plain tables that
	# hold rows.
	fresh
	sql_value "CREATE TABLE parent (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, code varchar(10) NOT NULL UNIQUE);
CREATE TABLE items (id int NOT NULL PRIMARY KEY, m int CHECK (m BETWEEN 1 AND 5),
  s varchar(10) DEFAULT 'x' CHECK (s IN ('a','b','x')), y int CHECK (NOT (y = 2)),
  flag boolean DEFAULT true, amount decimal(12), ratio double, f2 float DEFAULT 2.5, body mediumtext,
  kind enum('a','b') DEFAULT 'b', tags set('x','y'),
  at datetime(6) DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  created timestamp NULL DEFAULT NULL, qty int unsigned, code int(5) zerofill, doc json, parent_id int,
  total int AS (m + y) VIRTUAL, total2 int AS (m * y) PERSISTENT, label varchar(40) COMMENT 'it''s the label',
  \`odd name-1\` int, \`key\` int, hd double(10,2), hf float(7,3) unsigned zerofill,
  KEY ix_label (label(10)), KEY ix_m_desc (m DESC, s), FULLTEXT KEY ix_body (body),
  UNIQUE KEY ux_kind (kind, id), KEY \`ix odd\` (\`odd name-1\`, \`key\`),
  CONSTRAINT items_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL)
  COMMENT 'items, by hand';
CREATE TABLE notes (id int NOT NULL, a varchar(20), b varchar(20), body text, PRIMARY KEY (id) USING BTREE,
  KEY ix_a USING HASH (a), UNIQUE KEY ux_b (b) USING BTREE, UNIQUE KEY ux_body (body))" >/dev/null
	my_dump "$MY_DATABASE" --no-data >"$WORK/mariadb.dump" 2>"$ERR"
	for form in '/*!40101 SET' 'DROP TABLE IF EXISTS `items`' 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci' \
		'int(10) unsigned' 'int(5) unsigned zerofill' 'double(10,2)' 'float(7,3) unsigned zerofill' 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin' 'KEY `ix_label` (`label`(10))' \
		'FULLTEXT KEY' 'GENERATED ALWAYS AS (`m` * `y`) STORED' 'AUTO_INCREMENT' 'ON DELETE CASCADE ON UPDATE SET NULL' \
		'ON UPDATE current_timestamp(6)' "COMMENT 'it''s the label'" "COMMENT='items, by hand'" \
		'PRIMARY KEY (`id`) USING BTREE' 'KEY `ix_a` (`a`) USING HASH' 'UNIQUE KEY `ux_body` (`body`) USING HASH'; do
		if grep -qF -- "$form" "$WORK/mariadb.dump"; then
			pass "the dump holds '$form'"
		else
			fail "the dump should hold '$form'" "$(cat "$WORK/mariadb.dump")"
		fi
	done
	cp "$WORK/mariadb.dump" schema.sql
	agrees "the dump of a database made by hand"
	fresh
	base 'CREATE TABLE parent (id INTEGER PRIMARY KEY, code VARCHAR(10) NOT NULL);
CREATE TABLE items (id INTEGER PRIMARY KEY, m INT, s VARCHAR(10), y INT, flag INT, amount INT, ratio FLOAT,
  f2 REAL, body TEXT, kind VARCHAR(10), tags VARCHAR(10), at DATETIME, created TIMESTAMP WITH TIME ZONE,
  qty INT, code INT, doc TEXT, parent_id INT, label VARCHAR(40), `odd name-1` INT, `key` INT);' \
		"INSERT INTO parent VALUES (1, 'p1');
INSERT INTO items (id, m, s, y, flag, amount, ratio, f2, body, kind, tags, at, created, qty, code, doc,
  parent_id, label, \`odd name-1\`, \`key\`)
VALUES (1, 3, 'a', 1, 0, 12, 0.5, 0.25, 'text', 'a', 'x', '2021-01-01 10:00:00', '2021-01-01 10:00:00',
  7, 42, '[1]', 1, 'l', 5, 6),
 (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL)"
	cp "$WORK/mariadb.dump" schema.sql
	round_trip "the dump as the model of a database with plain tables"
}

# DROP TABLE in a model on MariaDB: the table's triggers go with it, as
# MariaDB drops them; a view that uses it is refused (MariaDB would leave
# it broken) unless CASCADE takes it along too.
mariadb_drop_table() {
	fresh
	base 'CREATE TABLE keep (id INTEGER PRIMARY KEY);' "INSERT INTO keep VALUES (1), (2)"
	cat >schema.sql <<'EOF'
CREATE TABLE keep (id INTEGER PRIMARY KEY);
CREATE TABLE gone (id INTEGER PRIMARY KEY, n INTEGER);
CREATE TRIGGER gone_tr AFTER INSERT ON gone FOR EACH ROW INSERT INTO keep (id) VALUES (NEW.id);
CREATE TRIGGER keep_tr BEFORE INSERT ON keep FOR EACH ROW SET NEW.id = NEW.id;
CREATE VIEW gone_view AS SELECT id FROM gone;
CREATE VIEW keep_view AS SELECT id FROM keep;
DROP TABLE gone;
EOF
	expect_fail 1 dbtool check
	expect_stderr_contains "schema.sql:7:12: cannot drop table 'gone': view 'gone_view' uses it"
	sed -i 's/^DROP TABLE gone;/DROP TABLE gone CASCADE;/' schema.sql
	round_trip "drop table cascade"
	expect_eq "$(sql_value "SELECT GROUP_CONCAT(name ORDER BY name SEPARATOR ' ') FROM (SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name NOT LIKE 'dbtool%' UNION ALL SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()) x")" \
		"keep keep_tr keep_view" "only keep, its trigger and its view are made: the dropped table's trigger and view went with it"
}

case "$DIALECT_ARG" in
postgres)
	pg_forms
	pg_drop_table
	;;
sqlite)
	sqlite_forms
	sqlite_drop_table
	;;
mariadb)
	mariadb_forms
	mariadb_drop_table
	;;
*)
	echo "Bail out! test_normal_forms.sh runs on sqlite, postgres or mariadb"
	exit 1
	;;
esac

finish
