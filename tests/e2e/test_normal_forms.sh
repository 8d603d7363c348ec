#!/bin/bash
#
# test_normal_forms.sh - the database normalizes the model: whatever form
# the user declares, right after `upgrade` the database agrees with the
# model (`migrate` finds nothing to do, `check` exits 0 and finds
# nothing), and what the database holds is what was declared.  Each case
# is one model that batches many forms (CHECKs and defaults the database
# rewrites, partial and expression indexes, types kept as declared,
# quoted names, casts and typed literals, operator classes, MATCH FULL,
# generated columns, STRICT and WITHOUT ROWID tables); then the
# databases' own dumps (`pg_dump --schema-only` with its SET lines, OWNER
# TO, sequences OWNED BY and ALTER TABLE ... ADD CONSTRAINT after the
# tables, dbtool's own tables among them; `sqlite3 .schema`, also of a
# database made by hand) are the model;
# then DROP TABLE in a model takes along what the database drops with a
# table (triggers, owned sequences, with CASCADE views) and refuses what
# the database refuses.
#
# usage: DBTOOL=build/dbtool bash tests/e2e/test_normal_forms.sh sqlite|postgres

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIALECT_ARG=$1
NOTHING_TO_DO="dbtool: nothing to do: the database matches the model"

# fresh: a new project folder and database, with dbtool.ini from init.
fresh() {
	setup_db "$DIALECT_ARG"
	expect_ok dbtool init
}

# revisions: how many revision files the project holds.
revisions() {
	local f n=0
	for f in migrations/versions/*.sql; do
		[ -e "$f" ] && n=$((n + 1))
	done
	echo "$n"
}

# round_trip WHAT: schema.sql is the model: migrate writes a revision,
# upgrade applies it, and then the database agrees with the model:
# migrate writes nothing and check exits 0 with no finding.
round_trip() {
	local before
	expect_ok dbtool migrate -m "$1"
	expect_ok dbtool upgrade
	before=$(revisions)
	expect_ok dbtool migrate -m "$1 again"
	expect_stderr_contains "$NOTHING_TO_DO"
	expect_eq "$(revisions)" "$before" "$1: migrate after upgrade writes no revision"
	expect_ok dbtool check
	expect_stdout_eq ""
}

# agrees WHAT: the database already agrees with schema.sql.
agrees() {
	local before
	before=$(revisions)
	expect_ok dbtool check
	expect_stdout_eq ""
	expect_ok dbtool migrate -m "$1"
	expect_stderr_contains "$NOTHING_TO_DO"
	expect_eq "$(revisions)" "$before" "$1: migrate writes no revision"
}

# ------------------------------------------------------------ PostgreSQL

pg_forms() {
	# CHECKs, defaults and index predicates that PostgreSQL stores in
	# another form than they are written.
	fresh
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
	# a collation qualified as pg_dump writes it.
	fresh
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
	expect_eq "$(sql_value "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'kinds'::regclass AND attname = 'meta'")" \
		jsonb "kinds.meta is jsonb"
	expect_eq "$(sql_value "SELECT pg_get_serial_sequence('legacy', 'id') IS NOT NULL")" t \
		"legacy.id takes its values from a sequence it owns"
}

# DROP TABLE in a model, as the database does it.
pg_drop_table() {
	fresh
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

sqlite_forms() {
	fresh
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
	expect_eq "$(sql_value "INSERT INTO plain (id) VALUES (NULL); SELECT typeof(id) FROM plain")" null \
		"plain.id INT PRIMARY KEY is no rowid alias: it holds NULL"
	expect_eq "$(sql_value "INSERT INTO 'single quoted' (id) VALUES (1); SELECT name || '|' || other || '|' || yes FROM 'single quoted'")" \
		"hello|word|1" "DEFAULT hello is the string 'hello', as SQLite takes it"
	expect_eq "$(sql_value "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'dbtool%' ORDER BY name)")" \
		"bracket table chk gen plain single quoted st wr" "the tables have their names"
	expect_eq "$(sql_value "SELECT count(*) FROM sqlite_master WHERE name IN ('st', 'wr') AND (sql LIKE '%STRICT' OR sql LIKE '%WITHOUT ROWID')")" \
		2 "STRICT and WITHOUT ROWID are kept"
	expect_eq "$(sql_value "INSERT INTO gen (a, b) VALUES (2, 3); SELECT c || '|' || d FROM gen")" "5|6" \
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
}

sqlite_drop_table() {
	fresh
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

case "$DIALECT_ARG" in
postgres)
	pg_forms
	pg_drop_table
	;;
sqlite)
	sqlite_forms
	sqlite_drop_table
	;;
*)
	echo "Bail out! test_normal_forms.sh runs on sqlite or postgres"
	exit 1
	;;
esac

finish
